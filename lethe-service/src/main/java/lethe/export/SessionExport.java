package lethe.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import lethe.api.Session;
import lethe.api.Attachment;
import lethe.api.StoredAttachment;
import lethe.api.Subagent;
import lethe.api.Turn;
import lethe.api.TurnEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A session as a download: Markdown to read or paste, or NDJSON — the turns as they would be ingested,
 * the merged meta on the first line — which a collector can send to another lethe unchanged.
 */
public class SessionExport {

    private final ObjectWriter lineWriter;

    public SessionExport(ObjectMapper mapper) {
        // Lines go back to back into one buffered writer: no closing it, no flush per line.
        this.lineWriter = mapper.writerFor(TurnEvent.class).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .without(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** The session as Markdown ({@link MarkdownExport}), written as the turns are read. */
    public Response markdown(Session session, List<Subagent> subagents, TurnStream turns) {
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            MarkdownExport.write(session, subagents, turns, writer);
            writer.flush();
        };
        return attachment(body, MarkdownExport.fileName(session));
    }

    /** Reads the bytes of a turn's stored attachment back, as the ingest line carried them. */
    @FunctionalInterface
    public interface AttachmentLoader {
        Attachment load(Turn turn, StoredAttachment stored);
    }

    /** Hands a session's turns, in order, to a consumer. */
    @FunctionalInterface
    public interface TurnStream {
        void forEach(TurnConsumer consumer) throws IOException;
    }

    @FunctionalInterface
    public interface TurnConsumer {
        void accept(Turn turn) throws IOException;
    }

    /**
     * The turns as ingest lines: tool calls, results and attachments (base64 again) included, so it
     * re-ingests unchanged. Written as the turns are read, one line at a time, so a session of any size
     * exports in bounded memory.
     */
    public Response ndjson(Session session, TurnStream turns, AttachmentLoader attachments) {
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            boolean[] first = {true};
            turns.forEach(turn -> {
                TurnEvent event = new TurnEvent(session.tool(), session.host(), session.sessionId(), turn.turnId(),
                        turn.seq(), turn.role(), turn.timestamp(), turn.content(),
                        first[0] && !session.meta().isEmpty() ? session.meta() : null,
                        turn.model(), turn.usage(), turn.kind(), turn.toolName(), turn.toolCall(), turn.toolResult(),
                        turn.attachments() == null ? null
                                : turn.attachments().stream().map(stored -> attachments.load(turn, stored)).toList());
                lineWriter.writeValue(writer, event);
                writer.write('\n');
                first[0] = false;
            });
            writer.flush();
        };
        return attachment(body, session.sessionId() + ".ndjson");
    }

    private static Response attachment(Object entity, String fileName) {
        String safeName = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(entity).header("Content-Disposition", "attachment; filename=\"" + safeName + "\"").build();
    }
}
