package lethe.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * more than one batch of turns in memory, however large the session.
 */
final class SessionDetailJson {

    private final ObjectMapper mapper;
    private final ObjectWriter turnWriter;
    private final SessionService sessions;

    SessionDetailJson(ObjectMapper mapper, SessionService sessions) {
        this.mapper = mapper;
        // Turns are written back to back into one buffered stream: no closing it, no flush per turn.
        this.turnWriter = mapper.writerFor(Turn.class).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .without(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.sessions = sessions;
    }

    StreamingOutput of(SessionService.Found found) {
        return output -> {
            OutputStream out = new BufferedOutputStream(output, 64 * 1024);
            // The session's own fields, as SessionDetail writes them, without the closing brace.
            byte[] head = mapper.writeValueAsBytes(new SessionDetail(found.session(), null, null, null));
            out.write(head, 0, head.length - 1);
            out.write(ascii(head.length > 2 ? ",\"turns\":[" : "\"turns\":["));
            boolean[] first = {true};
            sessions.streamTurns(found, 0, turn -> {
                if (!first[0]) {
                    out.write(',');
                }
                first[0] = false;
                turnWriter.writeValue(out, turn);
                return true;
            });
            out.write(']');
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
