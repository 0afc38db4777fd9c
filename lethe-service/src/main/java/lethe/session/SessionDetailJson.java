package lethe.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.util.NameTransformer;
import jakarta.ws.rs.core.StreamingOutput;
import lethe.api.SessionDetail;
import lethe.api.Turn;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/sessions/{tool}/{host}/{session_id}} written as its turns are read: the same JSON as
 * a serialized {@link SessionDetail} (the session's fields, {@code turns}, {@code subagents}), but never
 * more than one batch of turns in memory, however large the session. A turn's {@code content} is copied
 * from the UTF-8 the database holds, escaped as JSON requires, and comes after the turn's other fields.
 */
final class SessionDetailJson {

    private final ObjectMapper mapper;
    private final SessionService sessions;

    SessionDetailJson(ObjectMapper mapper, SessionService sessions) {
        this.mapper = mapper;
        this.sessions = sessions;
    }

    StreamingOutput of(SessionService.Found found) {
        return output -> {
            OutputStream out = new BufferedOutputStream(output, 64 * 1024);
            // The session's own fields, as SessionDetail writes them, without the closing brace.
            byte[] head = mapper.writeValueAsBytes(new SessionDetail(found.session(), null, null, null));
            out.write(head, 0, head.length - 1);
            out.write(ascii(head.length > 2 ? ",\"turns\":" : "\"turns\":"));
            writeTurns(found, out);
            if (found.subagents() != null) {
                out.write(ascii(",\"subagents\":"));
                out.write(mapper.writeValueAsBytes(found.subagents()));
            }
            if (found.files() != null) {
                out.write(ascii(",\"files\":"));
                out.write(mapper.writeValueAsBytes(found.files()));
            }
            out.write('}');
            out.flush();
        };
    }

    /** The turns array: each turn's fields as Turn's serializer writes them, then its content. */
    private void writeTurns(SessionService.Found found, OutputStream out) throws IOException {
        SerializerProvider provider = mapper.getSerializerProviderInstance();
        JsonSerializer<Object> fields = provider.findValueSerializer(Turn.class).unwrappingSerializer(NameTransformer.NOP);
        // Written into `out`, which the caller goes on writing to: neither closed nor flushed through.
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)) {
            Utf8JsonString contents = new Utf8JsonString();
            json.writeStartArray();
            sessions.streamTurnsUtf8(found, 0, (turn, content) -> {
                json.writeStartObject();
                fields.serialize(turn, json, provider);
                if (content != null) {
                    json.writeFieldName("content");
                    contents.write(json, content);
                }
                json.writeEndObject();
                return true;
            });
            json.writeEndArray();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
