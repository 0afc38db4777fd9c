package lethe.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;

import java.io.UncheckedIOException;

/**
 * Writes a turn as one NDJSON line. A turn larger than the server's line limit would make the server
 * refuse its whole request, and with it every later line of the file, forever; such a turn is cut to fit,
 * and the cut is said in the turn itself and counted in the run's report.
 */
public final class TurnEncoder {

    /** An encoded turn; {@code truncated} when its content had to be cut to fit the line limit. */
    public record Encoded(byte[] bytes, boolean truncated) {
    }

    private final ObjectMapper json;
    private final int maxLineBytes;

    public TurnEncoder(ObjectMapper json, int maxLineBytes) {
        this.json = json;
        this.maxLineBytes = maxLineBytes;
    }

    public Encoded encode(TurnEvent turn) {
        byte[] bytes = write(turn);
        if (bytes.length <= maxLineBytes) {
            return new Encoded(bytes, false);
        }
        String content = turn.content();
        int keep = content.length();
        while (bytes.length > maxLineBytes && keep > 0) {
            // Escapes and multi-byte characters make bytes per character uneven: scale, with a margin, and retry.
            keep = (int) Math.max(0, Math.min(keep - 1, (long) keep * maxLineBytes / bytes.length * 9 / 10));
            if (Character.isHighSurrogate(content.charAt(Math.max(0, keep - 1)))) {
                keep--;
            }
            String cut = content.substring(0, Math.max(0, keep)) + "\n\n[lethe import: " + (content.length() - keep)
                    + " more characters not imported; this turn is larger than the server's line limit of "
                    + maxLineBytes + " bytes]";
            bytes = write(withContent(turn, cut));
        }
        return new Encoded(bytes, true);
    }

    private byte[] write(TurnEvent turn) {
        try {
            return json.writeValueAsBytes(turn);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TurnEvent withContent(TurnEvent turn, String content) {
        return turn.withContent(content);
    }
}
