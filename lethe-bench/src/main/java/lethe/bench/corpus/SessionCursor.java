package lethe.bench.corpus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Produces one session's turns in order, the way an agent loop unfolds: a prompt, the assistant thinking
 * and calling tools, tool results, an answer, the next prompt after a pause. Each session draws from its
 * own seed, so the corpus is the same whatever order sessions are interleaved in.
 */
final class SessionCursor {

    private enum Next { USER, ASSISTANT, TOOL_RESULT, SYSTEM }

    private static final long SECOND = 1_000;
    private static final long SIX_HOURS = 6 * 3_600 * SECOND;

    private final SessionPlan plan;
    private final Rng rng;
    private final Content content;
    private int seq;
    private long nextMillis;
    private Next next = Next.USER;
    private String pendingTool;

    SessionCursor(SessionPlan plan) {
        this.plan = plan;
        this.rng = new Rng(plan.seed());
        this.content = new Content(rng.split(), plan.project());
        this.nextMillis = plan.startMillis();
    }

    SessionPlan plan() {
        return plan;
    }

    boolean hasNext() {
        return seq < plan.length();
    }

    long nextMillis() {
        return nextMillis;
    }

    GeneratedTurn next() {
        long at = nextMillis;
        String turnId = rng.uuid();
        GeneratedTurn turn = switch (next) {
            case USER -> {
                next = Next.ASSISTANT;
                nextMillis += rng.between(2, 30) * SECOND + rng.nextInt(1000);
                yield turn(turnId, "user", at, content.userPrompt(), null, null, "text", null);
            }
            case ASSISTANT -> assistant(turnId, at);
            case TOOL_RESULT -> {
                next = Next.ASSISTANT;
                nextMillis += rng.between(1, 20) * SECOND + rng.nextInt(1000);
                String tool = pendingTool;
                yield turn(turnId, "tool", at, content.toolOutput(tool), null, null, "tool_result", tool);
            }
            case SYSTEM -> {
                next = Next.USER;
                nextMillis += rng.between(1, 10) * SECOND;
                yield turn(turnId, "system", at, content.systemNote(), null, null, null, null);
            }
        };
        seq++;
        return turn;
    }

    private GeneratedTurn assistant(String turnId, long at) {
        double choice = rng.nextDouble();
        if (choice < 0.15) {
            nextMillis += rng.between(1, 5) * SECOND + rng.nextInt(1000);
            String text = content.thinking();
            return turn(turnId, "assistant", at, text, plan.model(), usage(text), "thinking", null);
        }
        if (choice < 0.65) {
            pendingTool = rng.pick(Phrases.TOOLS);
            next = Next.TOOL_RESULT;
            nextMillis += (long) Math.min(120 * SECOND, rng.logNormal(1_500, 1.2));
            String input = content.toolInput(pendingTool);
            return turn(turnId, "assistant", at, input, plan.model(), usage(input), "tool_use", pendingTool);
        }
        double after = rng.nextDouble();
        if (after < 0.88) {
            next = Next.USER;
            nextMillis += (long) Math.min(SIX_HOURS, rng.logNormal(90 * SECOND, 1.6));
        } else if (after < 0.91) {
            next = Next.SYSTEM;
            nextMillis += rng.between(1, 60) * SECOND;
        } else {
            nextMillis += rng.between(1, 8) * SECOND;
        }
        String text = content.assistantText();
        return turn(turnId, "assistant", at, text, plan.model(), usage(text), "text", null);
    }

    private long[] usage(String text) {
        return new long[] {
            rng.between(1, 3_000), text.length() / 4 + 1, rng.between(0, 150_000), rng.between(0, 5_000)};
    }

    private GeneratedTurn turn(String turnId, String role, long at, String text, String model, long[] usage,
                               String kind, String toolName) {
        return new GeneratedTurn(plan, turnId, seq, role, at, text, model, usage, kind, toolName, sessionMeta());
    }

    /** Full meta on the first turn, as collectors send it; now and then a later turn updates the branch. */
    private Map<String, String> sessionMeta() {
        if (seq == 0) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("source_file", "~/.claude/projects/-home-dev-" + plan.project() + '/' + plan.sessionId() + ".jsonl");
            meta.put("cwd", "/home/dev/" + plan.project());
            meta.put("git_branch", rng.pick(Phrases.BRANCHES));
            return meta;
        }
        if (rng.chance(0.002)) {
            return Map.of("git_branch", rng.pick(Phrases.BRANCHES));
        }
        return null;
    }
}
