package lethe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import lethe.api.Session;
import lethe.api.Attachment;
import lethe.api.SessionDetail;
import lethe.api.StoredAttachment;
import lethe.api.Turn;
import lethe.api.TurnEvent;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * A session as a download: Markdown to read or paste, or NDJSON — the turns as they would be ingested,
 * the merged meta on the first line — which a collector can send to another lethe unchanged.
 */
public class SessionExport {

    private final ObjectWriter lineWriter;

    public SessionExport(ObjectMapper mapper) {
        this.lineWriter = mapper.writerFor(TurnEvent.class);
    }

    public Response markdown(SessionDetail detail) {
        return attachment(MarkdownExport.render(detail), MarkdownExport.fileName(detail.session()));
    }

    /** Reads the bytes of a turn's stored attachment back, as the ingest line carried them. */
    @FunctionalInterface
    public interface AttachmentLoader {
        Attachment load(Turn turn, StoredAttachment stored);
    }

    /** The turns as ingest lines: tool calls, results and attachments (base64 again) included, so it re-ingests unchanged. */
    public Response ndjson(SessionDetail detail, AttachmentLoader attachments) {
        Session session = detail.session();
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            boolean first = true;
            for (Turn turn : detail.turns()) {
                TurnEvent event = new TurnEvent(session.tool(), session.host(), session.sessionId(), turn.turnId(),
                        turn.seq(), turn.role(), turn.timestamp(), turn.content(),
                        first && !session.meta().isEmpty() ? session.meta() : null,
                        turn.model(), turn.usage(), turn.kind(), turn.toolName(), turn.toolCall(), turn.toolResult(),
                        turn.attachments() == null ? null
                                : turn.attachments().stream().map(stored -> attachments.load(turn, stored)).toList());
                writer.write(lineWriter.writeValueAsString(event));
                writer.write('\n');
                first = false;
            }
            writer.flush();
        };
        return attachment(body, session.sessionId() + ".ndjson");
    }

    private static Response attachment(Object entity, String fileName) {
        String safeName = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(entity).header("Content-Disposition", "attachment; filename=\"" + safeName + "\"").build();
    }
}
