package lethe.importer;

import java.time.Duration;
import lethe.collector.CollectorMain;
import lethe.login.LoginCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static lethe.importer.ImporterFixtures.EDGE_CASES;
import static lethe.importer.ImporterFixtures.copyOfFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code java -jar lethe-collector.jar import claude-code …} as a user types it, through the collector's command line. */
class ImportCommandTest {

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void aDryRunWritesTheTurnsAsNdjsonToStandardOutput() throws IOException {
        Path home = Files.createTempDirectory("home");
        Path fixtures = copyOfFixtures();

        int status = run(home, Map.of(), "import", "claude-code", fixtures.toString(), "--dry-run", "--host", "laptop");

        assertThat(status).isZero();
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(565).allSatisfy(line -> assertThat(line).startsWith("{\"tool\":\"claude-code\",\"host\":\"laptop\""));
        assertThat(stderr()).contains("dry run: 565 turns written to standard output");
        assertThat(home.resolve(".local")).doesNotExist();
    }

    @Test
    void byDefaultItReadsClaudeCodesDirectoriesAndKeepsItsStateUnderXdgStateHome() throws IOException {
        Path fixtures = copyOfFixtures();
        Path home = Files.createTempDirectory("home");
        Files.createDirectories(home.resolve(".claude"));
        Files.move(fixtures.resolve("projects"), home.resolve(".claude/projects"));
        Path configDir = Files.createTempDirectory("claude-config");
        Files.createDirectories(configDir.resolve("projects"));
        Files.move(fixtures.resolve(EDGE_CASES), configDir.resolve("projects/edge"));
        Path xdg = Files.createTempDirectory("xdg-state");
        Map<String, String> env = Map.of("CLAUDE_CONFIG_DIR", configDir.toString(), "XDG_STATE_HOME", xdg.toString());

        try (StubLethe server = new StubLethe()) {
            int status = run(home, env, "import", "claude-code", "--server", server.url(), "--user", "alice");

            assertThat(status).isZero();
            assertThat(server.users()).containsOnly("alice");
            assertThat(String.join("", server.bodies()).lines()).hasSize(565);
            assertThat(stderr()).contains("lethe import claude-code: 9 files").contains("sent 565 turns");
            assertThat(xdg.resolve("lethe/import-claude-code.json")).isRegularFile();
            assertThat(Files.readString(xdg.resolve("lethe/import-claude-code.json")))
                    .contains(home.resolve(".claude/projects/sample-project").toRealPath().toString())
                    .contains(configDir.resolve("projects/edge").toRealPath().toString());
        }
    }

    @Test
    void aTokenFileIsSentAsABearerToken() throws IOException {
        Path home = Files.createTempDirectory("home");
        Path token = home.resolve("token");
        Files.writeString(token, "lethe_0123456789abcdef\n");
        try (StubLethe server = new StubLethe()) {
            int status = run(home, Map.of(), "import", "claude-code", copyOfFixtures().resolve(EDGE_CASES).toString(),
                    "--server", server.url(), "--token-file", token.toString(), "--state", home.resolve("s.json").toString());

            assertThat(status).isZero();
            assertThat(server.authorizations()).isNotEmpty().containsOnly("Bearer lethe_0123456789abcdef");
        }
    }

    @Test
    void aRefusalIsPrintedAsTheServerSaidItWithoutAStackTrace() throws IOException {
        Path home = Files.createTempDirectory("home");
        try (StubLethe server = new StubLethe(StubLethe.problem(401, "UNAUTHORIZED", "Sign in at the proxy"))) {
            int status = run(home, Map.of(), "import", "claude-code", copyOfFixtures().resolve(EDGE_CASES).toString(),
                    "--server", server.url(), "--state", home.resolve("s.json").toString());

            assertThat(status).isEqualTo(1);
            assertThat(server.bodies()).hasSize(1);
            assertThat(stderr()).contains("lethe import: lethe answered 401 UNAUTHORIZED: Sign in at the proxy")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void mistakesInTheOptionsAreExplained() throws IOException {
        Path home = Files.createTempDirectory("home");
        String dir = copyOfFixtures().toString();

        assertThat(run(home, Map.of(), "import", "claude-code", dir, "--token", "t", "--user", "alice")).isEqualTo(1);
        assertThat(stderr()).contains("give only one of --token, --token-file and --user");

        assertThat(run(home, Map.of(), "import", "claude-code")).isEqualTo(1);
        assertThat(stderr()).contains("found no Claude Code transcripts in " + home.resolve(".claude/projects"));

        assertThat(run(home, Map.of(), "import", "claude-code", dir, "--host", "my laptop")).isEqualTo(1);
        assertThat(stderr()).contains("--host must be");

        assertThat(run(home, Map.of(), "import", "claude-code", dir, "--batch-bytes", "lots")).isEqualTo(1);
        assertThat(stderr()).contains("--batch-bytes must be a size such as");

        assertThat(run(home, Map.of(), "import", "claude-code", home.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(stderr()).contains("does not exist");
    }

    @Test
    void theDirectoriesScannedArePrintedAndFindingNoTranscriptIsAWarning() throws IOException {
        Path home = Files.createTempDirectory("home");
        Path empty = Files.createTempDirectory("nothing-here");

        int status = run(home, Map.of(), "import", "claude-code", empty.toString(), "--dry-run");

        assertThat(status).isZero();
        assertThat(stderr()).contains("lethe import claude-code: scanning " + empty)
                .contains("warning: found no Claude Code transcripts (*.jsonl) there; nothing was written");
    }

    @Test
    void resendSendsEveryTurnAgainWhereAPlainRunSendsNothingNew() throws IOException {
        Path home = Files.createTempDirectory("home");
        String dir = copyOfFixtures().resolve(EDGE_CASES).toString();
        String state = home.resolve("s.json").toString();
        try (StubLethe server = new StubLethe()) {
            run(home, Map.of(), "import", "claude-code", dir, "--server", server.url(), "--state", state);
            List<String> first = String.join("", server.bodies()).lines().toList();
            run(home, Map.of(), "import", "claude-code", dir, "--server", server.url(), "--state", state);
            int afterSecond = String.join("", server.bodies()).lines().toList().size();

            int status = run(home, Map.of(), "import", "claude-code", dir, "--server", server.url(), "--state", state, "--resend");

            assertThat(status).isZero();
            assertThat(afterSecond).isEqualTo(first.size());
            List<String> all = String.join("", server.bodies()).lines().toList();
            assertThat(all.subList(first.size(), all.size())).containsExactlyElementsOf(first);
            assertThat(stderr()).contains("--resend: sending everything again");
        }
    }

    @Test
    void theSlimJarsMainReadsTheTranscriptsUnderHomeFromTheEnvironment() throws Exception {
        // A user running with another HOME than the password database's (sudo -E, a container, a test) must get
        // that HOME's transcripts: the JVM's user.home would point elsewhere.
        Path home = Files.createTempDirectory("other-home");
        Files.createDirectories(home.resolve(".claude"));
        Files.move(copyOfFixtures().resolve("projects"), home.resolve(".claude/projects"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName(),
                "import", "claude-code", "--dry-run", "--host", "laptop");
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("CLAUDE_CONFIG_DIR");
        Path err = Files.createTempFile("collector", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

        assertThat(process.waitFor()).as(Files.readString(err)).isZero();
        run(home, Map.of(), "import", "claude-code", home.resolve(".claude/projects").toString(), "--dry-run", "--host", "laptop");
        assertThat(out).isNotEmpty().hasSameSizeAs(stdout.toString(StandardCharsets.UTF_8).lines().toList())
                .allSatisfy(line -> assertThat(line).startsWith("{\"tool\":\"claude-code\",\"host\":\"laptop\""));
        assertThat(Files.readString(err)).contains("scanning " + home.resolve(".claude/projects").toRealPath());
    }

    @Test
    void followKeepsSendingLinesAsTheyAreWritten() throws Exception {
        Path home = Files.createTempDirectory("home");
        Path root = copyOfFixtures().resolve(EDGE_CASES);
        try (StubLethe server = new StubLethe()) {
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            Thread follower = new Thread(() -> statuses.add(run(home, Map.of(), "import", "claude-code", root.toString(),
                    "--follow", "--poll-interval", "0.1", "--server", server.url(), "--state", home.resolve("s.json").toString())));
            follower.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> server.bodies().size() >= 2);
                Files.writeString(root.resolve("later.jsonl"),
                        "{\"type\":\"user\",\"sessionId\":\"later\",\"uuid\":\"l1\",\"timestamp\":\"2025-06-15T10:00:00Z\","
                                + "\"message\":{\"role\":\"user\",\"content\":\"written while following\"}}\n",
                        StandardOpenOption.CREATE_NEW);
                await().atMost(Duration.ofSeconds(20)).until(() -> server.bodies().stream().anyMatch(body -> body.contains("written while following")));
            } finally {
                follower.interrupt();
                follower.join(10_000);
            }
            assertThat(follower.isAlive()).isFalse();
            assertThat(statuses).containsExactly(0);
            assertThat(String.join("", server.bodies())).containsOnlyOnce("written while following");
        }
    }

    @Test
    void importAllFollowsEverySourceItFound() throws Exception {
        Path home = Files.createTempDirectory("home");
        Files.move(SourceFixtures.home("codex").resolve(".codex"), home.resolve(".codex"));
        Files.move(SourceFixtures.home("gemini").resolve(".gemini"), home.resolve(".gemini"));
        Files.createDirectories(home.resolve(".local/share"));
        Files.move(SourceFixtures.home("opencode").resolve(".local/share/opencode"), home.resolve(".local/share/opencode"));
        try (StubLethe server = new StubLethe()) {
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            Thread follower = new Thread(() -> statuses.add(run(home, Map.of(), "import", "all", "--follow",
                    "--poll-interval", "0.1", "--server", server.url())));
            follower.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> stderr().contains("following codex, gemini, opencode"));
                Files.writeString(home.resolve(".codex/sessions/2026/05/11/rollout-2026-05-11T11-26-55-019e1625-789d-76c0-80ab-3724b5ddb799.jsonl"),
                        "{\"timestamp\":\"2026-05-11T09:00:00Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\","
                                + "\"message\":\"codex line written while following\"}}\n", StandardOpenOption.APPEND);
                Files.writeString(home.resolve(".gemini/tmp/vibe/chats/session-2026-04-23T12-52-0ab84937.jsonl"),
                        "{\"id\":\"followed-1\",\"timestamp\":\"2026-04-23T13:00:00Z\",\"type\":\"user\","
                                + "\"content\":\"gemini message written while following\"}\n", StandardOpenOption.APPEND);
                try (java.sql.Connection writer = java.sql.DriverManager.getConnection(
                        "jdbc:sqlite:" + home.resolve(".local/share/opencode/opencode.db"));
                     java.sql.Statement statement = writer.createStatement()) {
                    statement.executeUpdate("INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES "
                            + "('msg_followed', 'session_parser_fix', 1704200000000, 1704200000000, "
                            + "'{\"role\":\"user\",\"time\":{\"created\":1704200000000}}')");
                    statement.executeUpdate("INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES "
                            + "('part_followed', 'msg_followed', 'session_parser_fix', 1704200000000, 1704200000000, "
                            + "'{\"type\":\"text\",\"text\":\"opencode part written while following\"}')");
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> List.of("codex line", "gemini message", "opencode part").stream().allMatch(what ->
                        server.bodies().stream().anyMatch(body -> body.contains(what + " written while following"))));
            } finally {
                follower.interrupt();
                follower.join(10_000);
            }
            assertThat(follower.isAlive()).isFalse();
            assertThat(statuses).containsExactly(0);
            String sent = String.join("", server.bodies());
            assertThat(sent).containsOnlyOnce("codex line written while following")
                    .containsOnlyOnce("gemini message written while following")
                    .containsOnlyOnce("opencode part written while following");
            assertThat(stderr()).contains("lethe import claude-code: nothing found in ~/.claude/projects");
        }
    }

    private int run(Path home, Map<String, String> env, String... arguments) {
        stdout.reset();
        stderr.reset();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        return new CollectorMain(List.of(new ImportCommand(out, err, env, home), new LoginCommand()), out, err).run(arguments);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
