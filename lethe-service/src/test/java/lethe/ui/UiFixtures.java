package lethe.ui;

import lethe.testing.ClaudeTranscripts;
import lethe.testing.Http;
import lethe.testing.Turns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data the page tests read: alice has three real Claude Code sessions (today, yesterday, three days
 * ago) and enough smaller ones to need a second page; bob has one session of his own.
 */
final class UiFixtures {

    static final String TODO_TITLE_START = "orchestrator is running… /orchestrator";
    static final String INIT_TITLE = "Empty Repo Setup: CLAUDE.md Foundation Created";
    static final int FILLER_SESSIONS = 55;
    static final String BOB_SESSION = "bob-only-session";
    static final String BOB_SECRET = "Bob's private plan for the quarterly migration";

    private static final String[] PROMPTS = {
        "Why does the **integration test** for the payment webhook time out on CI but not locally?",
        "Rename `UserRepo` to `AccountRepository` everywhere and update the imports",
        "Write a migration that adds an index on `orders(customer_id, created_at)`",
        "Explain this stack trace:\n\n```\njava.lang.NullPointerException\n\tat com.example.Cart.total(Cart.java:42)\n```",
        "Add a `--dry-run` flag to the deploy script",
        "Summarise what changed between v1.4 and v1.5 in the changelog",
        "Make the login form accessible: labels, focus order, error messages",
        "Profile the CSV import; it takes 40 s for 100k rows",
    };

    private UiFixtures() {
    }

    static final double HOUR = 3600;
    static final double DAY = 86400;
    /** Midnight UTC today: the tests run the UI in UTC, and "today"/"yesterday" must hold at any hour. */
    static final double TODAY = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final double TODO_START = Math.max(Instant.now().getEpochSecond() - 2 * HOUR, TODAY + 60);

    static void seed(int port) {
        Http alice = Http.to(port).as("alice");
        ingest(alice, ClaudeTranscripts.ndjson(ClaudeTranscripts.TODO_APP, "laptop", TODO_START));
        ingest(alice, ClaudeTranscripts.ndjson(ClaudeTranscripts.INIT, "laptop", TODAY - 12 * HOUR));
        ingest(alice, ClaudeTranscripts.ndjson(ClaudeTranscripts.ORCHESTRATOR, "workstation", TODAY - 3 * DAY + 14 * HOUR));
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < FILLER_SESSIONS; i++) {
            double start = TODAY - 4 * DAY - i * 7 * HOUR;
            String id = "note-" + i;
            filler.append(Turns.line("opencode", "ci-runner", id, "u", 0, "user", start, PROMPTS[i % PROMPTS.length])).append('\n');
            filler.append(Turns.line("opencode", "ci-runner", id, "a", 1, "assistant", start + 40,
                    "Done. I changed three files and the tests pass.")).append('\n');
        }
        ingest(alice, filler.toString());

        Http bob = Http.to(port).as("bob");
        ingest(bob, Turns.line("claude-code", "bobs-box", BOB_SESSION, "b1", 0, "user", TODAY - 5 * HOUR, BOB_SECRET) + "\n");
    }

    static String todoSessionId() {
        return ClaudeTranscripts.sessionId(ClaudeTranscripts.TODO_APP);
    }

    private static void ingest(Http user, String ndjson) {
        Http.Response response = user.ingest(ndjson);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("errors")).as(response.body()).isEmpty();
    }
}
