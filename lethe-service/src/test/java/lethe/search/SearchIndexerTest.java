package lethe.search;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When turns become searchable while a collector never stops sending (lethe.search.SearchIndexer). */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchIndexerTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    /**
     * A collector sending a line every 100 ms, so that writes never pause for the indexer's quiet second;
     * returns how many lines were stored so far, and stops with {@code stream.shutdownNow()}.
     */
    private static AtomicInteger streamAs(String user, String session, ScheduledExecutorService stream) {
        AtomicInteger sent = new AtomicInteger();
        stream.scheduleAtFixedRate(() -> {
            int n = sent.get();
            Http.Response response = as(user).ingest(
                    Turns.line(session, "t" + n, n, "user", 1700000000 + n, "streamed line " + n) + "\n");
            if (response.status() == 200) {
                sent.incrementAndGet();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return sent;
    }

    /** Whether every stored turn is in the word index, read from the database itself. */
    private static boolean everyTurnIndexedByWords(DatabaseProbe database) {
        List<List<Object>> rows = database.rows(database.isSqlite()
                ? "SELECT indexed_up_to >= (SELECT coalesce(max(id), 0) FROM turns) FROM fts_progress"
                : "SELECT NOT EXISTS (SELECT 1 FROM turns WHERE content_tsv IS NULL)");
        Object answer = rows.get(0).get(0);
        return answer instanceof Boolean yes ? yes : ((Number) answer).intValue() == 1;
    }

    private static List<String> sessionsFound(Http http, String q) {
        return StreamSupport.stream(http.get("/api/v1/search?q=" + q).json().get("sessions").spliterator(), false)
                .map(session -> session.get("session_id").asText()).toList();
    }

    @Test
    void whileACollectorKeepsSendingAndSomeoneSearchesTheWordIndexKeepsUpBetweenItsRequests() {
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        try (DatabaseProbe database = DatabaseProbe.open(APP)) {
            AtomicInteger sent = streamAs("alice", "alice-stream", stream);
            await().until(() -> sent.get() > 3);
            as("alice").get("/api/v1/search?q=anything");

            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                batch.append(Turns.line("alice-batch", "t" + i, i, "assistant", 1700100000 + i, "quokka " + i)).append('\n');
            }
            assertThat(as("alice").ingest(batch.toString()).status()).isEqualTo(200);
            int sentBefore = sent.get();

            await("the word index catching up beside the stream").atMost(Duration.ofSeconds(30))
                    .until(() -> everyTurnIndexedByWords(database));
            assertThat(sent.get()).as("the stream went on meanwhile").isGreaterThan(sentBefore);
        } finally {
            stream.shutdownNow();
        }
    }

    @Test
    void searchesArrivingTogetherDuringAStreamEachFindWhatWasSentBeforeThem() {
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        ExecutorService searchers = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger sent = streamAs("bob", "bob-stream", stream);
            await().until(() -> sent.get() > 3);
            assertThat(as("bob").ingest(Turns.line("bob-wombat", "t1", 0, "user", 1700200000, "a wombat appears") + "\n")
                    .status()).isEqualTo(200);

            List<CompletableFuture<List<String>>> searches = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> sessionsFound(as("bob"), "wombat"), searchers))
                    .toList();

            assertThat(searches).allSatisfy(search -> assertThat(search.join()).containsExactly("bob-wombat"));
        } finally {
            stream.shutdownNow();
            searchers.shutdownNow();
        }
    }
}
