package lethe.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Attachment;
import lethe.api.ToolCall;
import lethe.api.TurnEvent;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a turn as one NDJSON line. A turn larger than the server's line limit would make the server
 * refuse its whole request, and with it every later line of the file, forever; such a turn is made to fit
 * (its images left out first, then a tool call's input, then its content cut), each cut said in the turn
 * itself and counted in the run's report.
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
        TurnEvent fitted = withoutAttachments(turn);
        bytes = write(fitted);
        if (bytes.length > maxLineBytes && fitted.toolCall() != null && fitted.toolCall().input() != null) {
            fitted = withoutToolInput(fitted);
            bytes = write(fitted);
        }
        String content = fitted.content();
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
            bytes = write(fitted.withContent(cut));
        }
        return new Encoded(bytes, true);
    }

    /**
     * The turn with as many of its images as fit, largest left out first, each one left out said in the
     * content: an image is worth less than the text around it.
     */
    private TurnEvent withoutAttachments(TurnEvent turn) {
        if (turn.attachments() == null || turn.attachments().isEmpty()) {
            return turn;
        }
        List<Attachment> kept = new ArrayList<>(turn.attachments());
        kept.sort(Comparator.comparingInt((Attachment attachment) -> attachment.data() == null ? 0 : attachment.data().length()).reversed());
        StringBuilder content = new StringBuilder(turn.content());
        TurnEvent fitted = turn;
        while (!kept.isEmpty() && write(fitted).length > maxLineBytes) {
            Attachment left = kept.remove(0);
            content.append("\n[lethe import: an image (").append(left.mediaType()).append(") not imported; this turn is "
                    + "larger than the server's line limit of ").append(maxLineBytes).append(" bytes]");
            fitted = new TurnEvent(turn.tool(), turn.host(), turn.sessionId(), turn.turnId(), turn.seq(), turn.role(),
                    turn.timestamp(), content.toString(), turn.sessionMeta(), turn.model(), turn.usage(), turn.kind(),
                    turn.toolName(), turn.toolCall(), turn.toolResult(), kept.isEmpty() ? null : List.copyOf(kept));
        }
        return fitted;
    }

    /** The turn with its tool call's input replaced by a note of its size (an input object is all or nothing). */
    private TurnEvent withoutToolInput(TurnEvent turn) {
        int inputBytes;
        try {
            inputBytes = json.writeValueAsBytes(turn.toolCall().input()).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        ToolCall call = new ToolCall(turn.toolCall().id(), turn.toolCall().name(), Map.of("lethe_import",
                "input of " + inputBytes + " bytes not imported: larger than the server's line limit of "
                        + maxLineBytes + " bytes"));
        return new TurnEvent(turn.tool(), turn.host(), turn.sessionId(), turn.turnId(), turn.seq(), turn.role(),
                turn.timestamp(), turn.content(), turn.sessionMeta(), turn.model(), turn.usage(), turn.kind(),
                turn.toolName(), call, turn.toolResult(), turn.attachments());
    }

    private byte[] write(TurnEvent turn) {
        try {
            return json.writeValueAsBytes(turn);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
