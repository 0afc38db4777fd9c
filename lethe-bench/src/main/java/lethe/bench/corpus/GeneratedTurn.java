package lethe.bench.corpus;

import java.util.Map;

/** One turn as the generator produced it, before it is written out as an NDJSON line. */
record GeneratedTurn(SessionPlan session, String turnId, long seq, String role, long timestampMillis, String content,
                     String model, long[] usage, String kind, String toolName, Map<String, String> sessionMeta) {
}
