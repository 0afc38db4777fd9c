package lethe.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.json.PlainNumbers;

/** The ObjectMapper the collector talks to lethe with. */
public final class WireJson {

    private WireJson() {
    }

    /**
     * Tolerant of fields a newer server adds to its answers (the wire contract's rule), and writing
     * timestamps as plain numbers ({@link PlainNumbers}).
     */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(PlainNumbers.module());
    }
}
