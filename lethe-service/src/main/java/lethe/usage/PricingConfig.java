package lethe.usage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

/** {@code pricing:} in config.yml. */
public class PricingConfig {

    /**
     * A price file in LiteLLM's {@code model_prices_and_context_window.json} format used instead of the
     * bundled snapshot; unset means the bundled one.
     */
    @JsonProperty("file")
    private Path file;

    public Path getFile() {
        return file;
    }

    public void setFile(Path file) {
        this.file = file;
    }

    public PriceTable load(ObjectMapper mapper) {
        return file == null ? PriceTable.bundled(mapper) : PriceTable.fromFile(mapper, file);
    }
}
