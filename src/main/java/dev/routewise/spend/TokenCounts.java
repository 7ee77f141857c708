package dev.routewise.spend;

/**
 * Tokens of one call by kind, as the ledger counts them (the gateway's usage, or what a client reported).
 *
 * @param input       every prompt token, cached ones and cache writes included
 * @param cachedInput prompt tokens read from the provider's cache (part of input)
 * @param cacheWrite  prompt tokens written to the provider's cache (part of input)
 * @param output      every generated token, reasoning included
 * @param reasoning   generated tokens spent on reasoning (part of output)
 */
public record TokenCounts(long input, long cachedInput, long cacheWrite, long output, long reasoning) {

    public static final TokenCounts ZERO = new TokenCounts(0, 0, 0, 0, 0);

    /** Whether no count is negative (differences, which the ledger uses to correct its sums, can be). */
    public boolean valid() {
        return input >= 0 && cachedInput >= 0 && cacheWrite >= 0 && output >= 0 && reasoning >= 0;
    }

    public long total() {
        return input + output;
    }

    public TokenCounts plus(TokenCounts o) {
        return new TokenCounts(input + o.input, cachedInput + o.cachedInput, cacheWrite + o.cacheWrite,
                output + o.output, reasoning + o.reasoning);
    }

    TokenCounts minus(TokenCounts o) {
        return new TokenCounts(input - o.input, cachedInput - o.cachedInput, cacheWrite - o.cacheWrite,
                output - o.output, reasoning - o.reasoning);
    }
}
