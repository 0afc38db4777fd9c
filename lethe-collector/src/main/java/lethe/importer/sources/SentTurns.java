package lethe.importer.sources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an importer of rewritable sources (Gemini's chat files, opencode's sessions) has had acknowledged:
 * per unit (a file, a session) the stamp it had when it was last read in full, and a digest of every turn
 * sent from it. A turn is sent again only when its digest changes (a tool call got its result, a streamed
 * text grew), never twice as it is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class SentTurns {

    static final int VERSION = 1;

    @JsonProperty("version")
    public int version = VERSION;

    @JsonProperty("units")
    public Map<String, Unit> units = new TreeMap<>();

    /** One file or session. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Unit {

        /** The unit's stamp (size and time, or its rows' times) when it was last read in full and acknowledged. */
        @JsonProperty("stamp")
        public String stamp;

        /** Turn id → digest of the turn as sent. */
        @JsonProperty("turns")
        public Map<String, String> turns = new TreeMap<>();
    }

    Unit unit(String key) {
        return units.computeIfAbsent(key, k -> new Unit());
    }
}
