package lethe.usage;

/**
 * One model's prices in US dollars per token, as LiteLLM's {@code model_prices_and_context_window.json}
 * states them. A null price means the table gives none for that kind of token, which costs nothing
 * (ccusage and LiteLLM read it the same way); a model without any entry at all is unknown, never free.
 *
 * <p>Tiered prices ({@code …_above_200k_tokens}) follow ccusage 18: each kind of token of one response
 * is priced on its own: the first 200 000 at the base price, the rest at the tier's price. So a response
 * of 250 000 input tokens costs {@code 200 000 × base + 50 000 × tier}, whatever its other counts.
 */
public record ModelPrice(Double input, Double output, Double cacheWrite, Double cacheRead,
                         Double inputAbove, Double outputAbove, Double cacheWriteAbove, Double cacheReadAbove) {

    public static final long TIER_THRESHOLD = 200_000;

    /**
     * The cost of responses summed in {@code sums}. Exact on sums, not only per response, because the
     * rule is linear in each response's tokens above the threshold:
     * {@code min(n, T) × base + max(0, n − T) × tier = n × base + max(0, n − T) × (tier − base)}.
     */
    public double cost(TokenSums sums) {
        return kind(sums.input(), sums.inputOver(), input, inputAbove)
                + kind(sums.output(), sums.outputOver(), output, outputAbove)
                + kind(sums.cacheWrite(), sums.cacheWriteOver(), cacheWrite, cacheWriteAbove)
                + kind(sums.cacheRead(), sums.cacheReadOver(), cacheRead, cacheReadAbove);
    }

    private static double kind(long tokens, long over, Double base, Double tier) {
        double basePrice = base == null ? 0 : base;
        if (tier == null) {
            return tokens * basePrice;
        }
        return tokens * basePrice + over * (tier - basePrice);
    }
}
