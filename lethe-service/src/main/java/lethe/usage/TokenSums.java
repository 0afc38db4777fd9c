package lethe.usage;

/**
 * Token counts summed over some responses, with what each kind had above the tier threshold: for every
 * response, {@code max(0, tokens - 200 000)} of each kind, summed. Those "over" sums are what make tiered
 * prices exact on sums (see {@link ModelPrice#cost}).
 *
 * @param turns the responses that reported usage
 */
public record TokenSums(long turns, long input, long output, long cacheRead, long cacheWrite,
                        long inputOver, long outputOver, long cacheReadOver, long cacheWriteOver) {

    public static final TokenSums ZERO = new TokenSums(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** One response, as the rollup triggers count it. */
    public static TokenSums ofResponse(long input, long output, long cacheRead, long cacheWrite) {
        return new TokenSums(1, input, output, cacheRead, cacheWrite, over(input), over(output), over(cacheRead),
                over(cacheWrite));
    }

    public TokenSums plus(TokenSums other) {
        return new TokenSums(turns + other.turns, input + other.input, output + other.output,
                cacheRead + other.cacheRead, cacheWrite + other.cacheWrite, inputOver + other.inputOver,
                outputOver + other.outputOver, cacheReadOver + other.cacheReadOver,
                cacheWriteOver + other.cacheWriteOver);
    }

    public boolean hasTokens() {
        return input != 0 || output != 0 || cacheRead != 0 || cacheWrite != 0;
    }

    private static long over(long tokens) {
        return Math.max(0, tokens - ModelPrice.TIER_THRESHOLD);
    }
}
