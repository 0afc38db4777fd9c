package lethe.ui.data;

import lethe.api.Usage;

import java.util.OptionalDouble;

/**
 * The price of one API response, for the hover on a turn's tokens. The service prices it with the same
 * table and rules as {@code GET /api/v1/usage}, so a turn's figure adds up to its session's and the stats
 * page's; the page only formats the value it is given.
 */
@FunctionalInterface
public interface ResponsePricing {

    /**
     * What a response of {@code model} with {@code usage} cost in US dollars; empty when the price table has
     * no price for the model (or no model was named), which the page shows as "not priced", never as $0.
     */
    OptionalDouble cost(String model, Usage usage);
}
