package lethe.ui.transcript;

import lethe.api.StoredAttachment;
import lethe.api.Turn;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The transcript page, rendered for real over a fake reader, showing each assistant's work as the work it was. */
class TranscriptWorkPageTest {

    private static Document render(V2Turns session) {
        return new FakeReader().add(session.detail()).page(session.session(), null, null, null);
    }

    private static Document render(V2Turns session, String hl, Long at) {
        return new FakeReader().add(session.detail()).page(session.session(), hl, at, null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "claude-code, Edit, file_path, old_string, new_string",
            "gemini, replace, file_path, old_string, new_string",
            "opencode, edit, filePath, oldString, newString",
            "opencode, Edit, path, oldText, newText"})
    void anEditIsADiffOfItsFileWithRemovedAndAddedLinesApart(String tool, String name, String path, String old, String neu) {
        Document page = render(new V2Turns(tool, "s").call("e1", name, Map.of(path, "src/app.py",
                old, "def greet():\n    return 'hi'\n", neu, "def greet(name):\n    return 'hi ' + name\n"))
                .result("e1", "The file src/app.py has been updated.", false));
        Element diff = page.selectFirst("#turn-1 figure.diff");
        assertThat(diff.selectFirst("code.path").text()).isEqualTo("src/app.py");
        assertThat(diff.select("del.d-del")).extracting(Element::wholeText)
                .containsExactly("-def greet():\n", "-    return 'hi'\n");
        assertThat(diff.select("ins.d-add")).extracting(Element::wholeText)
                .containsExactly("+def greet(name):\n", "+    return 'hi ' + name\n");
        assertThat(diff.selectFirst(".d-hunk").text()).startsWith("@@ -1,");
        assertThat(page.select("article.turn")).as("the result joins its call").hasSize(1);
        assertThat(page.selectFirst("#turn-2").text()).isEqualTo("The file src/app.py has been updated.");
    }

    @Test
    void aMultiEditIsOneHunkPerEdit() {
        Document page = render(new V2Turns("claude-code", "s").call("m1", "MultiEdit", Map.of("file_path", "a.js",
                "edits", List.of(Map.of("old_string", "let a = 1;", "new_string", "const a = 1;"),
                        Map.of("old_string", "var b;", "new_string", "let b;")))));
        assertThat(page.select("figure.diff .d-hunk")).hasSize(2);
        assertThat(page.select("del.d-del")).extracting(Element::text).containsExactly("-let a = 1;", "-var b;");
    }

    @Test
    void aCodexPatchIsParsedIntoItsFilesAndHunks() {
        String patch = """
                *** Begin Patch
                *** Update File: src/cart.ts
                @@ class Cart
                -  total = 0
                +  total = 1
                   items = []
                *** Add File: docs/NOTES.md
                +# Notes
                *** Delete File: old.txt
                *** End Patch
                """;
        Document page = render(new V2Turns("codex", "s").call("p1", "apply_patch", Map.of("input", patch))
                .result("p1", "Success. Updated the following files:\nM src/cart.ts", false));
        assertThat(page.select("figure.diff figcaption")).extracting(Element::text)
                .containsExactly("edit src/cart.ts", "add docs/NOTES.md", "delete old.txt");
        assertThat(page.select("figure.diff").get(0).select("del, ins")).extracting(Element::text)
                .containsExactly("-  total = 0", "+  total = 1");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "claude-code | Bash | command",
            "gemini | run_shell_command | command",
            "opencode | bash | command",
            "codex | exec_command | cmd"})
    void aCommandShowsAsTypedWithItsOutputUnderIt(String tool, String name, String key) {
        Document page = render(new V2Turns(tool, "s").call("b1", name, Map.of(key, "npm test"))
                .say("meanwhile")
                .result("b1", "3 passing", false));
        Element shell = page.selectFirst("#turn-1 .shell");
        assertThat(shell.selectFirst("pre.command").text()).isEqualTo("$ npm test");
        assertThat(shell.selectFirst("#turn-3 pre.output").text()).isEqualTo("3 passing");
        assertThat(page.select("article.turn")).extracting(Element::id).containsExactly("turn-1", "turn-2");
    }

    @Test
    void codexShellArgumentVectorsAndExitCodesReadAsAShellWould() {
        Document page = render(new V2Turns("codex", "s")
                .call("x1", "shell", Map.of("command", List.of("bash", "-lc", "cargo build")))
                .result("x1", "{\"output\":\"error[E0425]: cannot find value\",\"metadata\":{\"exit_code\":101}}", false)
                .call("x2", "local_shell_call", Map.of("command", List.of("ls", "-la", "my dir")))
                .result("x2", "Exit code: 0\nWall time: 0.1 seconds\nOutput:\nfile.txt", false));
        assertThat(page.selectFirst("#turn-1 pre.command").text()).isEqualTo("$ cargo build");
        assertThat(page.selectFirst("#turn-1 .out").hasClass("out-error")).isTrue();
        assertThat(page.selectFirst("#turn-1 .exit").text()).isEqualTo("exit 101");
        assertThat(page.selectFirst("#turn-1 pre.output").text()).isEqualTo("error[E0425]: cannot find value");
        assertThat(page.selectFirst("#turn-3 pre.command").text()).isEqualTo("$ ls -la 'my dir'");
        assertThat(page.selectFirst("#turn-3 .out").hasClass("out-error")).isFalse();
        assertThat(page.selectFirst("#turn-3 pre.output").text()).isEqualTo("file.txt");
    }

    @Test
    void codexUnifiedExecAndGeminiShellReportsShowTheOutputAndTheExitCodeNotTheirHeaders() {
        Document page = render(new V2Turns("codex", "s")
                .call("e1", "exec_command", Map.of("cmd", "rg opencode node_modules"))
                .result("e1", "Chunk ID: de4b53\nWall time: 4.1190 seconds\nProcess exited with code 2\nOriginal token count: 34\n"
                        + "Output:\nrg: node_modules/opencode: No such file or directory (os error 2)\n", false)
                .call("e2", "exec_command", Map.of("cmd", "npm test"))
                .result("e2", "Chunk ID: 0a1b2c\nWall time: 1.0 seconds\nProcess running with session ID 7\n"
                        + "Original token count: 3\nOutput:\n> vitest\n", false)
                .call("g1", "run_shell_command", Map.of("command", "pip install RestrictedPython"))
                .result("g1", "Command: pip install RestrictedPython\nDirectory: (root)\nOutput: bash: line 1: pip: command not found\n"
                        + "Error: (none)\nExit Code: 127\nSignal: 0\nBackground PIDs: (none)\nProcess Group PGID: 88536", false)
                .call("g2", "run_shell_command", Map.of("command", "python3 -m venv venv"))
                .result("g2", "Command: python3 -m venv venv\nDirectory: (root)\nOutput: (empty)\nError: (none)\nExit Code: 0\n"
                        + "Signal: 0\nBackground PIDs: (none)\nProcess Group PGID: 88928", false));
        assertThat(page.selectFirst("#turn-1 pre.output").wholeText()).isEqualTo("rg: node_modules/opencode: No such file or directory (os error 2)\n");
        assertThat(page.selectFirst("#turn-1 .exit").text()).isEqualTo("exit 2");
        assertThat(page.selectFirst("#turn-1 .out").hasClass("out-error")).isTrue();
        assertThat(page.selectFirst("#turn-3 pre.output").wholeText()).isEqualTo("> vitest\n");
        assertThat(page.selectFirst("#turn-3 .exit")).as("still running: no exit code yet").isNull();
        assertThat(page.selectFirst("#turn-5 pre.command").text()).isEqualTo("$ pip install RestrictedPython");
        assertThat(page.selectFirst("#turn-5 pre.output").text()).isEqualTo("bash: line 1: pip: command not found");
        assertThat(page.selectFirst("#turn-5 .exit").text()).isEqualTo("exit 127");
        assertThat(page.selectFirst("#turn-5 .out").hasClass("out-error")).isTrue();
        assertThat(page.selectFirst("#turn-7 .exit").text()).isEqualTo("exit 0");
        assertThat(page.selectFirst("#turn-7 .out").hasClass("out-error")).isFalse();
        assertThat(page.text()).doesNotContain("Chunk ID", "Process Group PGID", "Directory: (root)");
    }

    @Test
    void aCodexPollOfACommandStillRunningShowsThatCommandWithItsLaterOutputAndExit() {
        Document page = render(new V2Turns("codex", "s")
                .call("e1", "exec_command", Map.of("cmd", "npm test"))
                .result("e1", "Chunk ID: 0a1b2c\nWall time: 1.0 seconds\nProcess running with session ID 7\n"
                        + "Original token count: 0\nOutput:\n", false)
                .call("p1", "write_stdin", Map.of("session_id", 7, "chars", "", "yield_time_ms", 1000))
                .result("p1", "Chunk ID: 3d4e5f\nWall time: 4.1 seconds\nProcess exited with code 1\n"
                        + "Original token count: 5\nOutput:\n1 failing\n", true)
                .call("p2", "write_stdin", Map.of("session_id", 99, "chars", ""))
                .result("p2", "write_stdin failed", true));
        assertThat(page.selectFirst("#turn-1 pre.command").text()).isEqualTo("$ npm test");
        assertThat(page.selectFirst("#turn-3 pre.command").text()).isEqualTo("$ npm test");
        assertThat(page.selectFirst("#turn-3 .call-note").text()).isEqualTo("more output of process 7");
        assertThat(page.selectFirst("#turn-3 pre.output").wholeText()).isEqualTo("1 failing\n");
        assertThat(page.selectFirst("#turn-3 .exit").text()).isEqualTo("exit 1");
        assertThat(page.selectFirst("#turn-5 .shell")).as("a poll of a process never started here has no command to show").isNull();
        assertThat(page.select("#turn-5 dl.call dt")).extracting(Element::text).contains("session_id");
    }

    @Test
    void aFailedResultIsMarkedAsAnError() {
        Document page = render(new V2Turns("claude-code", "s").call("f1", "Bash", Map.of("command", "cat nope"))
                .result("f1", "cat: nope: No such file or directory", true));
        Element result = page.selectFirst("#turn-2");
        assertThat(result.hasClass("out-error")).isTrue();
        assertThat(result.selectFirst(".out-label").text()).isEqualTo("error");
        assertThat(page.selectFirst("article#turn-1").hasClass("turn-failed")).isTrue();
    }

    @Test
    void longOutputFoldsUnderTheCommandNotAFence() {
        Document page = render(new V2Turns("claude-code", "s").call("l1", "Bash", Map.of("command", "seq 100"))
                .result("l1", "1\n".repeat(100), false));
        Element fold = page.selectFirst("#turn-2 details.fold");
        assertThat(fold.hasAttr("open")).isFalse();
        assertThat(fold.selectFirst("summary").text()).isEqualTo("$ seq 100 · 100 lines · 200 B");
        assertThat(fold.selectFirst("pre.output").wholeText()).isEqualTo("1\n".repeat(100));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"claude-code, Read, file_path", "gemini, read_file, absolute_path", "opencode, read, filePath"})
    void aFileReadIsItsPathAndItsContentAsCode(String tool, String name, String key) {
        Document page = render(new V2Turns(tool, "s").call("r1", name, Map.of(key, "/src/main.py"))
                .result("r1", "print('hi')\n", false));
        assertThat(page.selectFirst("p.file").text()).isEqualTo("read /src/main.py");
        assertThat(page.selectFirst("figure.code code.language-python").text()).isEqualTo("print('hi')");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"claude-code, Write, file_path, content", "gemini, write_file, file_path, content",
            "opencode, write, filePath, content"})
    void aFileWrittenIsItsPathAndContent(String tool, String name, String key, String content) {
        Document page = render(new V2Turns(tool, "s").call("w1", name, Map.of(key, "Main.java", content, "class Main {}"))
                .result("w1", "File created successfully at: Main.java", false));
        assertThat(page.selectFirst("p.file").text()).isEqualTo("write Main.java");
        assertThat(page.selectFirst("figure.code code.language-java").text()).isEqualTo("class Main {}");
        assertThat(page.selectFirst(".out-ok").text()).startsWith("File created successfully");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"claude-code, TodoWrite, todos, content", "opencode, todowrite, todos, content",
            "codex, update_plan, plan, step", "gemini, write_todos, todos, description"})
    void aTodoListIsAChecklistWithEachState(String tool, String name, String list, String text) {
        Document page = render(new V2Turns(tool, "s").call("t1", name, Map.of(list, List.of(
                Map.of(text, "Write tests", "status", "completed"),
                Map.of(text, "Fix bug", "status", "in_progress"),
                Map.of(text, "Ship", "status", "pending")))));
        assertThat(page.select("ul.todo > li")).extracting(Element::className)
                .containsExactly("todo-done", "todo-active", "todo-pending");
        assertThat(page.select("ul.todo > li")).extracting(Element::text)
                .containsExactly("done Write tests", "in progress Fix bug", "to do Ship");
    }

    @Test
    void aSubAgentSpawnLinksToItsRunAndTheRunLinksBack() {
        V2Turns parent = new V2Turns("claude-code", "parent").call("task1", "Task",
                        Map.of("description", "Find the flaky test", "prompt", "Look in tests/", "subagent_type", "Explore"))
                .result("task1", "It is CartTest.", false)
                .spawned("agent-1", "Find the flaky test", "c-task1");
        Document page = render(parent);
        Element link = page.selectFirst("#turn-1 .spawn-link a");
        assertThat(link.attr("href")).isEqualTo("/sessions/claude-code/laptop/agent-1");
        assertThat(page.selectFirst("#turn-1 .spawn").text()).isEqualTo("Sub-agent Explore Find the flaky test");
        assertThat(page.select("#side-runs + ol a")).extracting(e -> e.attr("href")).containsExactly("/sessions/claude-code/laptop/agent-1");

        V2Turns run = new V2Turns("claude-code", "agent-1").user("Look in tests/").parent("parent", "c-task1");
        Element back = render(run).selectFirst(".parent-link a");
        assertThat(back.attr("href")).isEqualTo("/sessions/claude-code/laptop/parent?spawn=c-task1#hit");

        Document spawnedFrom = new FakeReader().add(parent.detail()).page(parent.session(), null, null, "c-task1");
        assertThat(spawnedFrom.selectFirst("#turn-1 #hit")).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"claude-code, Grep, pattern", "claude-code, Glob, pattern", "gemini, search_file_content, pattern",
            "opencode, glob, pattern", "opencode, grep, pattern", "codex, web_search, query",
            "claude-code, WebFetch, url", "gemini, web_fetch, url", "opencode, fetch, url"})
    void searchesAndFetchesShowWhatWasLookedFor(String tool, String name, String key) {
        Document page = render(new V2Turns(tool, "s").call("s1", name, Map.of(key, "TODO|FIXME"))
                .result("s1", "a.py\nb.py\nc.py\nd.py", false));
        assertThat(page.selectFirst("p.lookup code").text()).isEqualTo("TODO|FIXME");
        assertThat(page.selectFirst("#turn-2 details.fold summary").text()).startsWith("TODO|FIXME · 4 lines");
    }

    @Test
    void anyOtherToolShowsItsInputFieldsNeverJson() {
        Document page = render(new V2Turns("claude-code", "s").call("o1", "mcp__db__query",
                Map.of("sql", "select 1\nfrom dual", "limit", 5, "opts", Map.of("a", 1))).result("o1", "1", false));
        assertThat(page.select("dl.call dt")).extracting(Element::text).containsExactlyInAnyOrder("sql", "limit", "opts");
        assertThat(page.select("dl.call dd pre")).extracting(Element::wholeText).contains("select 1\nfrom dual", "5");
        assertThat(page.selectFirst("#turn-2 pre.output").text()).isEqualTo("1");
    }

    @Test
    void oldFormTurnsReadLikeNewOnes() {
        Document page = render(new V2Turns("claude-code", "s")
                .raw(new Turn("o1", 0, "assistant", V2Turns.NOON, "Bash\n```json\n{\n  \"command\": \"ls\"\n}\n```",
                        null, null, "tool_use", "Bash", null, null, null))
                .raw(new Turn("o2", 1, "tool", V2Turns.NOON, "Error:\n````\nls: denied\n````", null, null,
                        "tool_result", "Bash", null, null, null)));
        assertThat(page.selectFirst("#turn-1 pre.command").text()).isEqualTo("$ ls");
        assertThat(page.selectFirst("#turn-2").hasClass("out-error")).isTrue();
        assertThat(page.selectFirst("#turn-2 pre.output").text()).isEqualTo("ls: denied");
        assertThat(page.text()).doesNotContain("```");
    }

    @Test
    void otherKindsThinkingCompactionAndSlashCommands() {
        Document page = render(new V2Turns("claude-code", "s")
                .user("<command-message>review</command-message>\n<command-name>/review</command-name>\n<command-args>src/ --fast</command-args>")
                .kind("assistant", "thinking", "Let me think.\n".repeat(40))
                .kind("system", "compaction", "Summary: we fixed the cart."));
        assertThat(page.selectFirst("#turn-1 .slash code").text()).isEqualTo("/review src/ --fast");
        assertThat(page.selectFirst("#side-prompts + ol a").text()).isEqualTo("/review src/ --fast");
        assertThat(page.selectFirst("#turn-2").hasClass("turn-thinking")).isTrue();
        assertThat(page.selectFirst("#turn-2 > .turn-body > details.fold")).as("long thinking folds").isNotNull();
        assertThat(page.selectFirst("#turn-3").hasClass("turn-compaction")).isTrue();
        assertThat(page.selectFirst("#turn-3 .compaction-marker")).isNotNull();
        assertThat(page.selectFirst("#turn-3 details.fold .md").text()).isEqualTo("Summary: we fixed the cart.");
    }

    @Test
    void imagesShowInlineAndOpenFullSize() {
        String url = "/api/v1/sessions/claude-code/laptop/s/turns/i0/attachments/0";
        Document page = render(new V2Turns("claude-code", "s")
                .image("look at this", new StoredAttachment(0, "image/png", "shot.png", 1234, url)));
        Element link = page.selectFirst("#turn-1 a.attachment");
        assertThat(link.attr("href")).isEqualTo(url);
        assertThat(link.selectFirst("img").attr("src")).isEqualTo(url);
        assertThat(link.selectFirst("img").attr("alt")).isEqualTo("shot.png");
    }

    @Test
    void anchorsAndLabelsFollowPositionNotSeq() {
        Document page = render(new V2Turns("claude-code", "s").user("a").say("b"));
        assertThat(page.select("article.turn")).extracting(Element::id).containsExactly("turn-1", "turn-2");
        assertThat(page.select(".turn-seq")).extracting(Element::text).containsExactly("#1", "#2");
    }

    @Test
    void aSearchResultOpensItsTurnUnfoldedWithTheWordsMarked() {
        V2Turns session = new V2Turns("claude-code", "s").user("hello")
                .call("g1", "Bash", Map.of("command", "make"))
                .result("g1", "compiling\n".repeat(30) + "Linker failure here\n", false);
        Document page = render(session, "linker fail*", 20L);
        Element hit = page.selectFirst("article.turn-hit");
        assertThat(hit.id()).isEqualTo("turn-2");
        assertThat(hit.selectFirst("#hit")).isNotNull();
        assertThat(hit.selectFirst("details.fold").hasAttr("open")).isTrue();
        assertThat(hit.select("mark")).extracting(Element::text).containsExactly("Linker", "failure");
        assertThat(page.select("article:not(.turn-hit) mark")).isEmpty();
    }

    @Test
    void theSidePanelListsTheFilesReadAndChangedEachLinkingToTheTurnsThatTouchedIt() {
        V2Turns session = new V2Turns("claude-code", "s").user("fix the cart")
                .call("r1", "Read", Map.of("file_path", "/home/alice/src/shop/src/cart.ts"))
                .result("r1", "export const cart = 1;", false)
                .call("e1", "Edit", Map.of("file_path", "/home/alice/src/shop/src/cart.ts", "old_string", "1", "new_string", "2"))
                .result("e1", "ok", false)
                .call("r2", "Read", Map.of("file_path", "README.md"))
                .result("r2", "# shop", false)
                .file("/home/alice/src/shop/src/cart.ts", true, "c-r1", "c-e1")
                .file("README.md", false, "c-r2");
        Document page = render(session);

        List<Element> files = page.select("nav[aria-labelledby=side-files] li");
        assertThat(page.selectFirst("#side-files").text()).isEqualTo("Files (2)");
        assertThat(files).hasSize(2);
        Element cart = files.get(0).selectFirst("a.mono");
        assertThat(cart.text()).isEqualTo("…/src/cart.ts");
        assertThat(cart.attr("title")).isEqualTo("/home/alice/src/shop/src/cart.ts");
        assertThat(cart.attr("href")).endsWith("?turn=c-r1#hit");
        assertThat(files.get(0).selectFirst(".file-state").text()).isEqualTo("changed");
        assertThat(files.get(0).select(".file-turns a")).extracting(e -> e.attr("href"))
                .containsExactly(cart.attr("href"), cart.attr("href").replace("c-r1", "c-e1"));
        assertThat(files.get(1).selectFirst("a.mono").text()).isEqualTo("README.md");
        assertThat(files.get(1).selectFirst(".file-state").text()).isEqualTo("read");
        assertThat(files.get(1).select(".file-turns")).isEmpty();
    }

    @Test
    void aFileLinkOpensThePageAtThatTurnMarked() {
        V2Turns session = new V2Turns("claude-code", "s").user("hello")
                .call("w1", "Write", Map.of("file_path", "notes.md", "content", "hi"))
                .result("w1", "ok", false);
        Document page = new FakeReader().add(session.detail()).pageAtTurn(session.session(), "c-w1");
        assertThat(page.selectFirst("article.turn-hit").id()).isEqualTo("turn-2");
    }
}
