package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A file a session's tool calls read or changed, as the session detail lists it: the path as the tool was
 * given it, whether some call only read it and whether some call changed it (wrote, edited, patched, added,
 * deleted or moved it), and the turns ({@code turn_id}s, in transcript order) of those calls.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionFile(
        @JsonProperty("path") String path,
        @JsonProperty("read") boolean read,
        @JsonProperty("changed") boolean changed,
        @JsonProperty("turns") List<String> turns) {
}
