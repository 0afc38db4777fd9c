package lethe.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import lethe.testing.Http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded malformed ingest bodies: good lines mixed with lines broken in every way a buggy collector or a
 * damaged network could break them, and whole bodies that are wrong (bad gzip, over a limit, wrong type).
 * Each body remembers the turn ids of its good lines, which the server must store when it answers 200
 * and must not store when it refuses the body as a whole.
 */
final class FuzzBodies {

    static final int MAX_LINE_BYTES = 256 * 1024;
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    static final int MAX_LINES = 2_000;

    /** One request: its headers, its bytes, and the turn ids of the lines in it that keep the contract. */
    record Body(String description, String contentType, String contentEncoding, byte[] bytes, List<String> goodTurnIds) {
    }

    private static final String[] CONTENTS = {
        "", "hi", "🚀 emoji 👩‍💻 and CJK 数据库 and RTL שלום مرحبا", "line\nbreaks\tand \"quotes\" and \\backslashes\\",
        "NUL \u0000 escaped, bell \u0007", "lone surrogate \ud83d left by a cut emoji", "x".repeat(20_000),
        "```java\nclass A { String s = \"{\\\"k\\\": 1}\"; }\n```",
    };

    private final Random random;
    private final String[] sessions;

    FuzzBodies(long seed) {
        this.random = new Random(seed);
        this.sessions = new String[10];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = "fuzz-" + i;
        }
    }

    Body next() {
        int kind = random.nextInt(100);
        if (kind < 70) {
            return lines("mixed lines");
        }
        if (kind < 80) {
            return gzipped(lines("gzip"));
        }
        if (kind < 88) {
            return corruptGzip(lines("corrupt gzip"));
        }
        return switch (random.nextInt(9)) {
            case 0 -> enormousLine();
            case 1 -> new Body("plain body labelled gzip", "application/x-ndjson", "gzip", lines("").bytes(), List.of());
            case 2 -> relabelled(lines("unsupported encoding"), "application/x-ndjson", "br");
            case 3 -> relabelled(lines("wrong content type"), "application/json", null);
            case 4 -> randomBytes();
            case 5 -> new Body("empty", "application/x-ndjson", null, new byte[0], List.of());
            case 6 -> tooManyLines();
            case 7 -> random.nextInt(10) == 0 ? tooLargeBody() : randomBytes();
            default -> new Body("blank lines", "application/x-ndjson", null, "\n\n  \r\n\t\n".getBytes(StandardCharsets.UTF_8), List.of());
        };
    }

    private Body lines(String description) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> good = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        StringBuilder mutations = new StringBuilder(description);
        for (int i = 0; i < count; i++) {
            Map<String, Object> turn = goodTurn();
            byte[] line;
            if (random.nextInt(100) < 45) {
                line = json(turn);
                if (random.nextInt(10) == 0) {
                    line = concat(line, "\r".getBytes(StandardCharsets.UTF_8));
                }
                good.add((String) turn.get("turn_id"));
            } else {
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                mutations.append(' ').append(mutation);
                line = mutate(mutation, turn);
            }
            body.writeBytes(line);
            if (i < count - 1 || random.nextBoolean()) {
                body.write('\n');
            }
        }
        return new Body(mutations.toString(), "application/x-ndjson", null, body.toByteArray(), good);
    }

    private Map<String, Object> goodTurn() {
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("tool", "claude-code");
        turn.put("host", "fuzzer");
        turn.put("session_id", sessions[random.nextInt(sessions.length)]);
        turn.put("turn_id", new UUID(random.nextLong(), random.nextLong()).toString());
        turn.put("seq", random.nextInt(100_000));
        turn.put("role", new String[] {"user", "assistant", "system", "tool"}[random.nextInt(4)]);
        turn.put("timestamp", random.nextBoolean() ? 1.7e9 + random.nextInt(1_000_000) : 1.7e9 + random.nextDouble());
        turn.put("content", CONTENTS[random.nextInt(CONTENTS.length)]);
        if (random.nextBoolean()) {
            turn.put("usage", Map.of("input_tokens", random.nextInt(1000), "output_tokens", random.nextInt(1000)));
        }
        if (random.nextInt(4) == 0) {
            turn.put("session_meta", Map.of("cwd", "/home/fuzz", "nested", Map.of("k", List.of(1, "two", true))));
        }
        if (random.nextInt(5) == 0) {
            turn.put("some_future_field", Map.of("ignored", List.of(1, 2, 3)));
        }
        return turn;
    }

    /** Stands in for a number no JSON library would write, replaced in the serialised line. */
    private static final String HUGE = "@@huge-number@@";

    enum Mutation {
        TRUNCATED, BIT_FLIPS, WRONG_TYPE, HUGE_NUMBER, DEEP_NESTING, INVALID_UTF8, NUL_BYTES, MISSING_FIELD,
        DUPLICATE_KEY, NOT_AN_OBJECT, TRAILING_GARBAGE, BAD_IDENTIFIER, BAD_ROLE, BAD_TIMESTAMP
    }

    private byte[] mutate(Mutation mutation, Map<String, Object> turn) {
        byte[] line = json(turn);
        return switch (mutation) {
            case TRUNCATED -> Arrays.copyOf(line, random.nextInt(line.length));
            case BIT_FLIPS -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int at = random.nextInt(line.length);
                    line[at] ^= (byte) (1 << random.nextInt(8));
                    if (line[at] == '\n') {
                        line[at] = ' ';
                    }
                }
                yield line;
            }
            case WRONG_TYPE -> {
                String[] fields = {"tool", "host", "session_id", "turn_id", "seq", "role", "timestamp", "content", "usage", "session_meta", "model"};
                Object[] values = {"5", 1.5, -1, true, null, List.of(1), Map.of("a", 1), 7, "text"};
                String field = fields[random.nextInt(fields.length)];
                Object value = values[random.nextInt(values.length)];
                turn.put(field, value);
                if (value instanceof String && !field.matches("seq|timestamp|usage|session_meta")) {
                    turn.put(field, 42);
                }
                yield json(turn);
            }
            case HUGE_NUMBER -> {
                String[] numbers = {"1" + "0".repeat(30), "1e400", "-1e400", "9".repeat(5_000), "1" + "0".repeat(19), "1e20", "-0", "1e-400"};
                switch (random.nextInt(3)) {
                    case 0 -> turn.put("seq", HUGE);
                    case 1 -> turn.put("timestamp", HUGE);
                    default -> turn.put("usage", Map.of("input_tokens", HUGE));
                }
                String text = new String(json(turn), StandardCharsets.UTF_8);
                yield text.replace("\"" + HUGE + "\"", numbers[random.nextInt(numbers.length)]).getBytes(StandardCharsets.UTF_8);
            }
            case DEEP_NESTING -> {
                int depth = 500 + random.nextInt(60_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                String nested = open.repeat(depth) + "1" + (random.nextInt(5) == 0 ? "" : close.repeat(depth));
                String field = random.nextBoolean() ? "session_meta" : "unknown_field";
                yield concat("{\"".getBytes(StandardCharsets.UTF_8), (field + "\":" + nested + ",").getBytes(StandardCharsets.UTF_8),
                        Arrays.copyOfRange(line, 1, line.length));
            }
            case INVALID_UTF8 -> {
                byte[][] sequences = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
                yield insert(line, contentStart(line), sequences[random.nextInt(sequences.length)]);
            }
            case NUL_BYTES -> insert(line, random.nextBoolean() ? contentStart(line) : random.nextInt(line.length), new byte[] {0, 0});
            case MISSING_FIELD -> {
                String[] required = {"tool", "host", "session_id", "turn_id", "seq", "role", "timestamp", "content"};
                turn.remove(required[random.nextInt(required.length)]);
                yield json(turn);
            }
            case DUPLICATE_KEY -> concat("{\"seq\":1,".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(line, 1, line.length));
            case NOT_AN_OBJECT -> new String[] {"[]", "\"text\"", "42", "null", "true", "{}", "[{\"tool\":\"x\"}]", "{", "}"}[random.nextInt(9)]
                    .getBytes(StandardCharsets.UTF_8);
            case TRAILING_GARBAGE -> concat(line, random.nextBoolean() ? line : " x".getBytes(StandardCharsets.UTF_8));
            case BAD_IDENTIFIER -> {
                String[] bad = {"", "a/b", "..", ".", "has space", "x".repeat(257), "tab\there", "ü", "a?b", "%2e%2e"};
                turn.put(new String[] {"tool", "host", "session_id"}[random.nextInt(3)], bad[random.nextInt(bad.length)]);
                yield json(turn);
            }
            case BAD_ROLE -> {
                turn.put("role", new String[] {"robot", "USER", "", "user "}[random.nextInt(4)]);
                yield json(turn);
            }
            case BAD_TIMESTAMP -> {
                turn.put("timestamp", new Object[] {-1, 1.7e12, "2025-01-01T00:00:00Z", Double.MAX_VALUE}[random.nextInt(4)]);
                yield json(turn);
            }
        };
    }

    private Body gzipped(Body body) {
        return new Body(body.description(), body.contentType(), "gzip", Http.gzip(body.bytes()), body.goodTurnIds());
    }

    /** Gzip damaged in transit: cut short, bits flipped, or garbage after the end. Refused bodies store nothing. */
    private Body corruptGzip(Body body) {
        byte[] gzip = Http.gzip(body.bytes());
        byte[] damaged = switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(gzip, random.nextInt(gzip.length));
            case 1 -> {
                byte[] copy = gzip.clone();
                int at = random.nextInt(copy.length);
                copy[at] ^= (byte) (1 << random.nextInt(8));
                yield copy;
            }
            default -> concat(gzip, new byte[] {1, 2, 3, (byte) 0x1f, (byte) 0x8b});
        };
        return new Body(body.description(), body.contentType(), "gzip", damaged, body.goodTurnIds());
    }

    private Body relabelled(Body body, String contentType, String contentEncoding) {
        return new Body(body.description() + " " + contentType + " " + contentEncoding, contentType, contentEncoding, body.bytes(), body.goodTurnIds());
    }

    private Body enormousLine() {
        Body body = lines("enormous line");
        byte[] enormous = new byte[MAX_LINE_BYTES + 1 + random.nextInt(100_000)];
        Arrays.fill(enormous, (byte) 'a');
        return new Body(body.description(), body.contentType(), null, concat(body.bytes(), "\n".getBytes(StandardCharsets.UTF_8), enormous),
                body.goodTurnIds());
    }

    private Body tooManyLines() {
        Body body = lines("too many lines");
        byte[] blank = "{}\n".repeat(MAX_LINES + 1).getBytes(StandardCharsets.UTF_8);
        return new Body(body.description(), body.contentType(), null, concat(body.bytes(), "\n".getBytes(StandardCharsets.UTF_8), blank),
                body.goodTurnIds());
    }

    private Body tooLargeBody() {
        Body body = lines("too large body");
        byte[] filler = "{\"padding\":\"..........................................................\"}\n"
                .repeat(MAX_BODY_BYTES / 60).getBytes(StandardCharsets.UTF_8);
        return new Body(body.description(), body.contentType(), null, concat(body.bytes(), "\n".getBytes(StandardCharsets.UTF_8), filler),
                body.goodTurnIds());
    }

    private Body randomBytes() {
        byte[] bytes = new byte[random.nextInt(4_096)];
        random.nextBytes(bytes);
        return new Body("random bytes", "application/x-ndjson", null, bytes, List.of());
    }

    private static int contentStart(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"content\":\"");
        return at < 0 ? line.length / 2 : at + "\"content\":\"".length();
    }

    private static byte[] insert(byte[] line, int at, byte[] inserted) {
        return concat(Arrays.copyOf(line, at), inserted, Arrays.copyOfRange(line, at, line.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] json(Map<String, Object> turn) {
        try {
            return Http.JSON.writeValueAsBytes(turn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
