package lethe.bench.attack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding 3c: one session of 200 turns of 1 MiB (200 MiB of text), stored by its owner before bob is
 * measured (8 turns a request), then read over and over by three clients at once: the API's session read,
 * the NDJSON export and the session's page, each response read to its end.
 */
final class BigSession implements AttackRun.Attack {

    private static final String SESSION = "huge";
    private static final int TURNS_PER_REQUEST = 8;
    private static final Pattern PENDING = Pattern.compile("(?m)^lethe_search_index_pending(?:\\{[^}]*})? (\\S+)");
    private static final Duration INDEX_WAIT = Duration.ofMinutes(3);

    private record Read(String name, String path, boolean page) {
    }

    private static final String PATH = "/" + HostileLines.TOOL + "/" + HostileLines.HOST + "/" + SESSION;
    private static final List<Read> READS = List.of(
            new Read("API read", "/api/v1/sessions" + PATH, false),
            new Read("NDJSON export", "/api/v1/sessions" + PATH + "/export.ndjson", false),
            new Read("page", "/sessions" + PATH, true));

    private final Client client;
    private final Answers answers;
    private final String adminUrl;

    BigSession(Client client, Answers answers, String adminUrl) {
        this.client = client;
        this.answers = answers;
        this.adminUrl = adminUrl;
    }

    @Override
    public String label() {
        return "3c: a 200 MiB session (200 turns of 1 MiB) read by API, NDJSON export and page, 3 clients";
    }

    @Override
    public void prepare() throws Exception {
        for (int first = 0; first < HostileLines.BIG_TURNS; first += TURNS_PER_REQUEST) {
            StringBuilder body = new StringBuilder();
            for (int turn = first; turn < first + TURNS_PER_REQUEST; turn++) {
                body.append(HostileLines.line(SESSION, "t" + turn, turn, HostileLines.bigTurn(turn), null)).append('\n');
            }
            try {
                answers.count(client.ingest(AttackRun.ATTACKER, body.toString()).ingestOutcome());
            } catch (IOException e) {
                answers.count("ingest " + Client.failure(e));
            }
        }
        waitForTheSearchIndex();
    }

    /**
     * The search indexer's work on 200 MiB is the store's, not the attack's: bob is measured once it is done
     * (both jars publish {@code lethe_search_index_pending} on the admin port), or after three minutes.
     */
    private void waitForTheSearchIndex() throws InterruptedException {
        if (adminUrl == null) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher pending = PENDING.matcher(metrics);
                if (!pending.find() || Double.parseDouble(pending.group(1)) == 0) {
                    return;
                }
            } catch (IOException e) {
                answers.count("metrics " + Client.failure(e));
                return;
            }
            Thread.sleep(1_000);
        }
        answers.count("search index still pending after 3 minutes");
    }

    @Override
    public void run(long deadlineNanos) throws InterruptedException {
        AttackRun.repeat(READS.size(), deadlineNanos, Duration.ZERO, answers, reader -> {
            Read read = READS.get(reader);
            try {
                Client.Answer answer = read.page() ? client.getPage(AttackRun.ATTACKER, read.path())
                        : client.get(AttackRun.ATTACKER, read.path());
                answers.count(read.name() + " " + answer.status());
            } catch (IOException e) {
                answers.count(read.name() + " " + Client.failure(e));
            }
        });
    }
}
