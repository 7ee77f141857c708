package dev.routewise.spend;

/**
 * How one model did on one task over a period, from reported outcomes and the gateway's observed calls: what a
 * cost review needs to tell whether a cheaper model serves a task as well.
 *
 * @param successes calls that succeeded (reported, or answered through the gateway)
 * @param failures  calls that failed (reported, or a provider failure, broken stream or escalated answer)
 * @param ratings   outcomes that carried a quality rating
 * @param ratingSum the sum of those ratings (1-5 each)
 */
public record ModelTaskRecord(String model, String task, long successes, long failures, long ratings,
                              long ratingSum) {

    public long calls() {
        return successes + failures;
    }

    /** Share of calls that succeeded; 0 without calls. */
    public double successRate() {
        return calls() == 0 ? 0 : (double) successes / calls();
    }

    /** The average rating, or null without ratings. */
    public Double averageRating() {
        return ratings == 0 ? null : (double) ratingSum / ratings;
    }
}
