package lethe.bench.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A deterministic corpus of turns in lethe's wire format (SPEC §2): the same seed and size give the same
 * bytes. Sessions have long-tailed lengths from 20 to 2 000 turns (the first one is always 2 000 long, so
 * every corpus has a session for the read benchmark), start at random moments of 2025, and their turns
 * are written interleaved in time order, as collectors tailing several transcripts would send them.
 */
public final class Corpus {

    public static final int MIN_SESSION = 20;
    public static final int MAX_SESSION = 2_000;
    static final long YEAR_START_MILLIS = 1_735_689_600_000L;
    static final long YEAR_MILLIS = 365L * 24 * 3_600 * 1_000;

    private static final String[] TOOLS = {"claude-code", "claude-code", "claude-code", "opencode", "opencode", "codex"};
    private static final String[] HOSTS = {"laptop", "laptop", "laptop", "desktop", "desktop", "workstation", "ci-runner-1"};
    private static final Map<String, String[]> MODELS = Map.of(
            "claude-code", new String[] {"claude-sonnet-4-5", "claude-sonnet-4-5", "claude-opus-4-1"},
            "opencode", new String[] {"claude-sonnet-4-5", "gpt-5"},
            "codex", new String[] {"gpt-5-codex"});

    private Corpus() {
    }

    /** What was written, for the benchmark scripts (stored beside the corpus as JSON). */
    public record Summary(long seed, long turns, int sessions, long bytes, String longestTool, String longestHost,
                          String longestSessionId, int longestTurns) {
    }

    public static Summary write(long turns, long seed, OutputStream out) throws IOException {
        List<SessionPlan> plans = plan(turns, seed);
        CountingStream counted = new CountingStream(out);
        try (JsonGenerator json = new JsonFactory().createGenerator(counted, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            PriorityQueue<SessionCursor> due = new PriorityQueue<>(Comparator
                    .comparingLong(SessionCursor::nextMillis)
                    .thenComparingInt(cursor -> cursor.plan().index()));
            plans.forEach(plan -> due.add(new SessionCursor(plan)));
            while (!due.isEmpty()) {
                SessionCursor cursor = due.poll();
                writeLine(json, cursor.next());
                if (cursor.hasNext()) {
                    due.add(cursor);
                }
            }
        }
        SessionPlan longest = plans.get(0);
        return new Summary(seed, turns, plans.size(), counted.count, longest.tool(), longest.host(),
                longest.sessionId(), longest.length());
    }

    static List<SessionPlan> plan(long turns, long seed) {
        Rng rng = new Rng(seed);
        List<SessionPlan> plans = new ArrayList<>();
        long remaining = turns;
        while (remaining > 0) {
            int length = plans.isEmpty() ? MAX_SESSION : (int) Math.min(MAX_SESSION, rng.pareto(MIN_SESSION, 1.1));
            if (remaining - length < MIN_SESSION && remaining <= MAX_SESSION) {
                length = (int) remaining;
            }
            length = (int) Math.min(length, remaining);
            String tool = rng.pick(TOOLS);
            plans.add(new SessionPlan(plans.size(), tool, rng.pick(HOSTS), rng.uuid(), rng.pick(Phrases.PROJECTS),
                    rng.pick(MODELS.get(tool)), YEAR_START_MILLIS + (rng.nextLong() >>> 1) % YEAR_MILLIS, length,
                    rng.nextLong()));
            remaining -= length;
        }
        return plans;
    }

    private static void writeLine(JsonGenerator json, GeneratedTurn turn) throws IOException {
        SessionPlan session = turn.session();
        json.writeStartObject();
        json.writeStringField("tool", session.tool());
        json.writeStringField("host", session.host());
        json.writeStringField("session_id", session.sessionId());
        json.writeStringField("turn_id", turn.turnId());
        json.writeNumberField("seq", turn.seq());
        json.writeStringField("role", turn.role());
        json.writeFieldName("timestamp");
        json.writeNumber(seconds(turn.timestampMillis()));
        json.writeStringField("content", turn.content());
        if (turn.model() != null) {
            json.writeStringField("model", turn.model());
        }
        if (turn.usage() != null) {
            json.writeObjectFieldStart("usage");
            json.writeNumberField("input_tokens", turn.usage()[0]);
            json.writeNumberField("output_tokens", turn.usage()[1]);
            json.writeNumberField("cache_read_tokens", turn.usage()[2]);
            json.writeNumberField("cache_write_tokens", turn.usage()[3]);
            json.writeEndObject();
        }
        if (turn.kind() != null) {
            json.writeStringField("kind", turn.kind());
        }
        if (turn.toolName() != null) {
            json.writeStringField("tool_name", turn.toolName());
        }
        if (turn.sessionMeta() != null) {
            json.writeObjectFieldStart("session_meta");
            for (Map.Entry<String, String> entry : turn.sessionMeta().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** Unix seconds with milliseconds, written from integers so no float formatting can vary. */
    static String seconds(long millis) {
        long fraction = millis % 1_000;
        return (millis / 1_000) + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
