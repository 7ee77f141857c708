package dev.routewise.routing.rules;

import java.time.ZoneId;

/** One request's values as conditions read them, with hour and weekday taken once in the rule set's zone. */
final class Facts {

    /** The value of a field the request does not carry (e.g. no priority). */
    static final long MISSING = Long.MIN_VALUE;

    final RuleInput in;
    final int hour;
    /** 0 = Monday ... 6 = Sunday. */
    final int weekday;

    Facts(RuleInput in, ZoneId zone) {
        this.in = in;
        // plain arithmetic on epoch seconds: no ZonedDateTime per request
        long local = in.time().getEpochSecond() + zone.getRules().getOffset(in.time()).getTotalSeconds();
        this.hour = (int) (Math.floorMod(local, 86_400L) / 3_600);
        // 1970-01-01 was a Thursday (3 when Monday is 0)
        this.weekday = (int) Math.floorMod(Math.floorDiv(local, 86_400L) + 3, 7L);
    }

    long integer(Field f) {
        return switch (f) {
            case PRIORITY -> in.priority() == null ? MISSING : in.priority();
            case TOKENS -> in.tokens();
            case OUTPUT_TOKENS -> in.outputTokens();
            case HOUR -> hour;
            case WEEKDAY -> weekday;
            case TASK -> in.task().ordinal();
            case COMPLEXITY -> in.complexity().ordinal();
            default -> throw new IllegalStateException(f + " is not a whole number");
        };
    }

    double number(Field f) {
        if (f == Field.COMPLEXITY_SCORE) {
            return in.complexityScore();
        }
        throw new IllegalStateException(f + " is not a number");
    }

    String string(Field f) {
        return switch (f) {
            case USER -> in.user();
            case TEAM -> in.team();
            case SPACE -> in.space();
            case PROFILE -> in.profile();
            default -> throw new IllegalStateException(f + " is not a string");
        };
    }
}
