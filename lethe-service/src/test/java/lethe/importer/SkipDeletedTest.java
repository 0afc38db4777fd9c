package lethe.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.collector.CollectorMain;
import lethe.login.LoginCommand;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code import … --skip-deleted} (SPEC §15) over the four assistants' real fixture files, against the real
 * application: a session its owner deleted stays deleted when the importer runs again, and the summary
 * says how much it left out; without the flag a re-import brings the session back, as documented.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SkipDeletedTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    /** One session of each assistant, from the fixtures {@link ImportAllTest#machineWithAllFourAssistants()} holds. */
    static final List<String> DOOMED = List.of(
            "claude-code/%s/1af7fc5e-8455-4414-9ccd-011d40f70b2a",
            "codex/%s/019e1625-789d-76c0-80ab-3724b5ddb799",
            "gemini/%s/981c87cb-90ef-4c7f-948d-23173ff43e4e",
            "opencode/%s/session_parser_fix");
    static final Pattern LEFT_OUT = Pattern.compile("lethe import ([a-z-]+): .*\\n(?:  .*\\n)*?  left out (\\d+) turns? of 1 session deleted");

    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void aReimportWithSkipDeletedLeavesOutEverySessionDeletedOnTheServerAndSaysHowMuch() throws IOException {
        Path home = ImportAllTest.machineWithAllFourAssistants();
        assertThat(run("all", "bob", home, "kept-deleted")).as(stderr()).isZero();
        long sessionsBefore = sessionCount("bob", "kept-deleted");
        Map<String, Long> turnsOfDoomed = new LinkedHashMap<>();
        for (String session : doomed("kept-deleted")) {
            turnsOfDoomed.put(session.substring(0, session.indexOf('/')),
                    bob().get("/api/v1/sessions/" + session).json().path("turn_count").asLong());
            assertThat(bob().method("DELETE", "/api/v1/sessions/" + session).status()).isEqualTo(204);
        }

        int status = run("all", "bob", home, "kept-deleted", "--resend", "--skip-deleted");

        assertThat(status).as(stderr()).isZero();
        assertThat(stderr()).contains("lethe import: 4 sessions deleted on the server will be left out (--skip-deleted)")
                .contains("0 rejected");
        for (String session : doomed("kept-deleted")) {
            assertThat(bob().get("/api/v1/sessions/" + session).status()).as(session).isEqualTo(404);
        }
        assertThat(sessionCount("bob", "kept-deleted")).isEqualTo(sessionsBefore - 4);
        Matcher leftOut = LEFT_OUT.matcher(stderr());
        List<String> sources = new ArrayList<>();
        while (leftOut.find()) {
            sources.add(leftOut.group(1));
            assertThat(Long.parseLong(leftOut.group(2))).as(leftOut.group(1))
                    .isGreaterThanOrEqualTo(turnsOfDoomed.get(leftOut.group(1)));
        }
        assertThat(sources).containsExactly("claude-code", "codex", "gemini", "opencode");
        assertThat(stderr()).containsPattern("lethe import all: 4 sources, .*\\n  left out \\d+ turns of 4 sessions deleted");
        assertThat(bob().get("/api/v1/deleted-sessions").json().path("sessions")).hasSize(4);
    }

    @Test
    void withoutSkipDeletedAReimportBringsADeletedSessionBackAndTheServerForgetsItsKey() throws IOException {
        Path home = ImportAllTest.machineWithAllFourAssistants();
        run("gemini", "alice", home, "brought-back");
        String session = doomed("brought-back").get(2);
        long turns = alice().get("/api/v1/sessions/" + session).json().path("turn_count").asLong();
        alice().method("DELETE", "/api/v1/sessions/" + session);

        int status = run("gemini", "alice", home, "brought-back", "--resend");

        assertThat(status).as(stderr()).isZero();
        assertThat(stderr()).doesNotContain("left out");
        assertThat(alice().get("/api/v1/sessions/" + session).json().path("turn_count").asLong()).isEqualTo(turns);
        assertThat(alice().get("/api/v1/deleted-sessions").json().path("sessions").findValuesAsText("host"))
                .doesNotContain("brought-back");
    }

    @Test
    void linesTheAssistantKeepsWritingIntoADeletedSessionAreLeftOutToo() throws IOException {
        Path home = ImportAllTest.machineWithAllFourAssistants();
        run("claude-code", "alice", home, "still-writing");
        String session = doomed("still-writing").get(0);
        alice().method("DELETE", "/api/v1/sessions/" + session);
        Path transcript = home.resolve(".claude/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl");
        Files.writeString(transcript, userLine("after-delete-1", "2025-07-01T10:00:00Z", "one more thing")
                + "\n" + userLine("after-delete-2", "2025-07-01T10:01:00Z", "and another") + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        int status = run("claude-code", "alice", home, "still-writing", "--skip-deleted");

        assertThat(status).as(stderr()).isZero();
        assertThat(stderr()).contains("(1 with new lines, 4 unchanged), 2 lines")
                .contains("  sent 0 turns in 0 requests")
                .contains("  left out 2 turns of 1 session deleted on the server (--skip-deleted)");
        assertThat(alice().get("/api/v1/sessions/" + session).status()).isEqualTo(404);
    }

    private static String userLine(String uuid, String timestamp, String text) {
        return "{\"type\":\"user\",\"sessionId\":\"1af7fc5e-8455-4414-9ccd-011d40f70b2a\",\"uuid\":\"" + uuid
                + "\",\"timestamp\":\"" + timestamp + "\",\"cwd\":\"/tmp\",\"version\":\"1.0.0\","
                + "\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}";
    }

    private static List<String> doomed(String host) {
        return DOOMED.stream().map(key -> key.formatted(host)).toList();
    }

    private static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    /** Signs in the test that counts the deleted sessions, so that no other test's deletions are counted. */
    private static Http bob() {
        return Http.to(APP.getLocalPort()).as("bob");
    }

    private static long sessionCount(String user, String host) {
        JsonNode page = Http.to(APP.getLocalPort()).as(user).get("/api/v1/sessions?limit=500&host=" + host).json();
        return page.path("sessions").size();
    }

    private int run(String source, String user, Path home, String host, String... flags) {
        stderr.reset();
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<String> arguments = new ArrayList<>(List.of("import", source, "--server", "http://127.0.0.1:" + APP.getLocalPort(),
                "--user", user, "--host", host));
        arguments.addAll(List.of(flags));
        return new CollectorMain(List.of(new ImportCommand(out, err, Map.of(), home), new LoginCommand()), out, err)
                .run(arguments.toArray(String[]::new));
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
