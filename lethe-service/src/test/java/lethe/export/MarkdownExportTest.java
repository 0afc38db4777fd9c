package lethe.export;

import lethe.api.Session;
import lethe.api.Subagent;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.Turn;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown export has the structure of the page: the work as diffs, commands with output, checklists. */
class MarkdownExportTest {

    static final double NOON = 1_767_268_800.123_456; // 2026-01-01T12:00:00.123456Z

    private static Turn call(long seq, String id, String name, Map<String, Object> input) {
        return new Turn("c" + seq, seq, "assistant", NOON + seq, name, null, null, "tool_use", name,
                new ToolCall(id, name, input), null, null);
    }

    private static Turn result(long seq, String id, String output, boolean error) {
        return new Turn("r" + seq, seq, "tool", NOON + seq, output, null, null, "tool_result", null, null,
                new ToolResult(id, error), null);
    }

    private static String export(String title, Turn... turns) {
        Session session = new Session("alice", "claude-code", "laptop", "s1", title, NOON, NOON + 10, turns.length,
                null, Map.of(), NOON, NOON, null, null, null, null);
        StringWriter out = new StringWriter();
        write(session, List.of(turns), out);
        return out.toString();
    }

    private static void write(Session session, List<Turn> turns, Writer out) {
        try {
            MarkdownExport.write(session, List.of(new Subagent("run-1", "Explore", "c9", 3)), consumer -> {
                for (Turn turn : turns) {
                    consumer.accept(turn);
                }
            }, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Session session(long turns) {
        return new Session("alice", "claude-code", "laptop", "s1", "t", NOON, NOON + turns, turns, null, Map.of(), NOON,
                NOON, null, null, null, null);
    }

    @Test
    void anEditIsAFencedDiffUnderItsPath() {
        String md = export("t", call(0, "e", "Edit", Map.of("file_path", "a.py", "old_string", "x = 1", "new_string", "x = 2")),
                result(1, "e", "updated", false));
        assertThat(md).contains("**edit** `a.py`\n\n```diff\n@@ -1,1 +1,1 @@\n-x = 1\n+x = 2\n```\n");
        assertThat(md).as("the result joins its call").doesNotContain("## Tool");
    }

    @Test
    void aCommandIsShownAsTypedWithItsOutputAndAFailureSaysSo() {
        String md = export("t", call(0, "b", "Bash", Map.of("command", "npm test")), result(1, "b", "1 failing", true));
        assertThat(md).contains("## Assistant · Bash · 2026-01-01 12:00:00 UTC\n\n```console\n$ npm test\n1 failing\n```\n**failed**\n");
    }

    @Test
    void aTodoListIsAChecklistAndASpawnNamesItsRun() {
        String md = export("t", call(0, "t", "TodoWrite", Map.of("todos", List.of(
                        Map.of("content", "Write tests", "status", "completed"), Map.of("content", "Ship", "status", "in_progress")))),
                call(9, "k", "Task", Map.of("description", "Explore the code", "prompt", "Look around")));
        assertThat(md).contains("- [x] Write tests\n- [ ] Ship (in progress)\n");
        assertThat(md).contains("**Sub-agent**: Explore the code (run `run-1`, 3 turns)\n\n> Look around\n");
    }

    @Test
    void headingsCarryNoSeqAndTimesToTheSecond() {
        String md = export("t", new Turn("u", 140_000, "user", NOON, "hi", null, null, "text", null, null, null, null));
        assertThat(md).contains("## User · 2026-01-01 12:00:00 UTC\n\nhi\n").doesNotContain("140000", ".123");
    }

    @Test
    void outputCannotCloseItsFence() {
        String md = export("t", call(0, "g", "mcp__x", Map.of("q", "a")), result(1, "g", "````\n# not a heading", false));
        assertThat(md).contains("`````text\n````\n# not a heading\n`````");
    }

    @Test
    void theFileIsNamedAfterTheTitle() {
        Session titled = new Session("a", "t", "h", "s1", "Fix the flaky *CartTest*!", null, null, 0, null, Map.of(), 0, 0,
                null, null, null, null);
        assertThat(MarkdownExport.fileName(titled)).isEqualTo("fix-the-flaky-carttest.md");
        Session untitled = new Session("a", "t", "h", "s1", "日本語", null, null, 0, null, Map.of(), 0, 0, null, null, null, null);
        assertThat(MarkdownExport.fileName(untitled)).isEqualTo("s1.md");
    }
    @Test
    void aLargeSessionIsWrittenAsItsTurnsArriveNotAtTheEnd() throws IOException {
        int turns = 20_000;
        String text = "x".repeat(4096);
        CountingWriter out = new CountingWriter();
        MarkdownExport.write(session(turns), List.of(), consumer -> {
            for (int i = 0; i < turns; i += 2) {
                // Before each call is handed over, the pair before the previous one is written already.
                assertThat(out.headings).as("headings written before turn " + i).isGreaterThanOrEqualTo(Math.max(0, i / 2 - 1));
                consumer.accept(call(i, "b" + i, "Bash", Map.of("command", "echo " + i)));
                consumer.accept(result(i + 1, "b" + i, text, false));
            }
        }, out);
        assertThat(out.headings).as("one heading per call, its output joined to it").isEqualTo(turns / 2);
        assertThat(out.chars).isGreaterThan((long) turns / 2 * text.length());
    }

    @Test
    void aCallWhoseOutputComesTooLateIsWrittenWithoutItAndTheOutputOnItsOwn() {
        List<Turn> turns = new java.util.ArrayList<>();
        turns.add(call(0, "slow", "Bash", Map.of("command", "sleep 1000")));
        for (int i = 1; i <= MarkdownExport.WAITING_TURNS; i++) {
            turns.add(new Turn("u" + i, i, "user", NOON + i, "still waiting " + i, null, null, "text", null, null, null, null));
        }
        turns.add(result(MarkdownExport.WAITING_TURNS + 1, "slow", "done at last", false));
        StringWriter out = new StringWriter();
        write(session(turns.size()), turns, out);
        String md = out.toString();
        assertThat(md).contains("```console\n$ sleep 1000\n```\n");
        assertThat(md).contains("## Tool · tool result · ").contains("```text\ndone at last\n```\n");
        assertThat(md.indexOf("$ sleep 1000")).isLessThan(md.indexOf("still waiting 1\n"));
        assertThat(md.indexOf("done at last")).isGreaterThan(md.indexOf("still waiting " + MarkdownExport.WAITING_TURNS + "\n"));

        List<Turn> close = new java.util.ArrayList<>(turns.subList(0, 10));
        close.add(result(10, "slow", "done soon", false));
        StringWriter near = new StringWriter();
        write(session(close.size()), close, near);
        assertThat(near.toString()).as("an output within reach joins its call")
                .contains("```console\n$ sleep 1000\ndone soon\n```\n").doesNotContain("## Tool");
    }

    /** Keeps nothing: counts what was written and the turn headings in it. */
    private static final class CountingWriter extends Writer {
        long chars;
        int headings;
        private int newlines;
        private int hashes;

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                // "\n## " starts a turn's heading.
                if (c == '\n') {
                    newlines = 1;
                    hashes = 0;
                } else if (c == '#' && newlines == 1) {
                    hashes++;
                } else {
                    if (c == ' ' && newlines == 1 && hashes == 2) {
                        headings++;
                    }
                    newlines = 0;
                    hashes = 0;
                }
            }
            chars += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
