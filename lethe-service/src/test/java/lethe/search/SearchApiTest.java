package lethe.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import lethe.LetheConfiguration;
import lethe.testing.DatabaseProbe;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.TestBackend;
import lethe.testing.Turns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SPEC §9: full-text search over turns, scoped like every other read. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchApiTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    static Http as(String user) {
        return Http.to(APP.getLocalPort()).as(user);
    }

    @BeforeAll
    static void transcripts() {
        as("alice").ingest(String.join("\n",
                Turns.line("s1", "t1", 0, "user", 1700000000, "Why does the Gradle build fail on CI?"),
                Turns.line("s1", "t2", 1, "assistant", 1700000010, "The **gradle** daemon runs out of memory; raise -Xmx."),
                Turns.line("s2", "t1", 0, "user", 1700000100, "Rename the café module"),
                Turns.line("s2", "t2", 1, "tool", 1700000110, "refactoring done: 12 files")) + "\n");
        as("bob").ingest(Turns.line("b1", "t1", 0, "user", 1700000000, "bob's gradle secret") + "\n");
        as("dave").ingest(String.join("\n",
                Turns.line("ja", "t1", 0, "user", 1700000200, "リポジトリを「最新の状態に」してからビルドしてください"),
                Turns.line("zh", "t1", 0, "user", 1700000300, "请帮我修复这个数据库连接池的问题"),
                Turns.line("ko", "t1", 0, "user", 1700000400, "테스트가 실패하는 원인을 찾아 주세요"),
                Turns.line("de", "t1", 0, "user", 1700000500, "Die Größe der Übersetzungsdatei prüfen"),
                Turns.line("code", "t1", 0, "assistant", 1700000600,
                        "const [state, dispatch] = useReducer(useTodosReducer, initialTodos);")) + "\n");
    }

    private static JsonNode search(String user, String q) {
        Http.Response response = as(user).get("/api/v1/search?group=turn&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> turnRefs(JsonNode page) {
        return StreamSupport.stream(page.get("hits").spliterator(), false)
                .map(hit -> hit.get("session_id").asText() + "/" + hit.get("turn_id").asText()).toList();
    }

    @Test
    void findsTurnsContainingEveryWordCaseAndAccentInsensitively() {
        assertThat(turnRefs(search("alice", "gradle"))).containsExactlyInAnyOrder("s1/t1", "s1/t2");
        assertThat(turnRefs(search("alice", "GRADLE memory"))).containsExactly("s1/t2");
        assertThat(turnRefs(search("alice", "cafe"))).containsExactly("s2/t1");
        assertThat(turnRefs(search("alice", "refactor*"))).containsExactly("s2/t2");
    }

    @Test
    void japaneseIsFoundByAnySubstringEvenOfTwoCharacters() {
        assertThat(turnRefs(search("dave", "最新"))).containsExactly("ja/t1");
        assertThat(turnRefs(search("dave", "最新の状態に"))).containsExactly("ja/t1");
        assertThat(turnRefs(search("dave", "状態 ビルド"))).containsExactly("ja/t1");
        assertThat(search("dave", "最新").get("hits").get(0).get("snippet").asText()).contains("「«最新»の状態に」");
    }

    @Test
    void chineseAndKoreanAreFoundBySubstrings() {
        assertThat(turnRefs(search("dave", "连接池"))).containsExactly("zh/t1");
        assertThat(turnRefs(search("dave", "数据"))).containsExactly("zh/t1");
        assertThat(turnRefs(search("dave", "실패"))).containsExactly("ko/t1");
        assertThat(turnRefs(search("dave", "원인을"))).containsExactly("ko/t1");
        assertThat(search("dave", "连接池").get("hits").get(0).get("snippet").asText()).contains("«连接池»");
    }

    @Test
    void germanWordsMatchWithoutTheirAccents() {
        // ß: SQLite's unicode61 keeps it a letter of its own; PostgreSQL's unaccent spells it ss.
        assertThat(turnRefs(search("dave", "grosse")))
                .isEqualTo(TestBackend.current() == TestBackend.POSTGRES ? List.of("de/t1") : List.of());
        assertThat(turnRefs(search("dave", "Große"))).containsExactly("de/t1");
        assertThat(turnRefs(search("dave", "prufen"))).containsExactly("de/t1");
        assertThat(turnRefs(search("dave", "ubersetzung*"))).containsExactly("de/t1");
    }

    @Test
    void aCodeIdentifierIsFoundInsideALongerOne() {
        assertThat(turnRefs(search("dave", "useTodos"))).containsExactly("code/t1");
        assertThat(turnRefs(search("dave", "*Todos"))).containsExactly("code/t1");
        assertThat(turnRefs(search("dave", "usereducer"))).containsExactly("code/t1");
        assertThat(search("dave", "useTodos").get("hits").get(0).get("snippet").asText()).contains("«useTodos»");
    }

    @Test
    void substringsNeverCrossOwners() {
        assertThat(turnRefs(search("alice", "最新"))).isEmpty();
        assertThat(turnRefs(search("alice", "useTodos"))).isEmpty();
        assertThat(turnRefs(search("alice", "连接池"))).isEmpty();
    }

    private static JsonNode grouped(String user, String query) {
        Http.Response response = as(user).get("/api/v1/search?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> sessionIds(JsonNode page) {
        return StreamSupport.stream(page.get("sessions").spliterator(), false)
                .map(session -> session.get("session_id").asText()).toList();
    }

    @Test
    void resultsAreGroupedBySessionWithAHitCountAndTheBestHits() {
        JsonNode page = grouped("alice", "q=gradle");

        assertThat(sessionIds(page)).containsExactly("s1");
        JsonNode session = page.get("sessions").get(0);
        assertThat(session.get("hit_count").asLong()).isEqualTo(2);
        assertThat(session.get("title").asText()).isEqualTo("Why does the Gradle build fail on CI?");
        assertThat(session.get("tool").asText()).isEqualTo("claude-code");
        assertThat(session.get("hits")).hasSize(2);
        assertThat(session.get("hits").get(0).get("snippet").asText()).containsIgnoringCase("«gradle»");
        assertThat(page.has("hits")).isFalse();
    }

    @Test
    void aHitTakesItsTitleFromTheMetaEvenAHugeOneAndFallsBackWhenTheTitleIsNoText() {
        String huge = "{\"title\":\"The  pelican\\nsession\",\"blob\":\"" + "m".repeat(3 * 1024 * 1024) + "\"}";
        assertThat(as("carol").ingest(String.join("\n",
                Turns.line("big", "t1", 0, "user", 1700000000, "where is the pelican"),
                Turns.line("odd", "t1", 0, "user", 1700000100, "another pelican question")) + "\n")
                .json().get("accepted").asInt()).isEqualTo(2);
        // As a lethe from before ingest.max_meta_bytes could have stored them.
        try (DatabaseProbe probe = DatabaseProbe.open(APP)) {
            String meta = TestBackend.current() == TestBackend.POSTGRES ? "CAST(? AS jsonb)" : "?";
            assertThat(probe.execute("UPDATE sessions SET meta = " + meta + " WHERE owner = 'carol' AND session_id = 'big'", huge)).isEqualTo(1);
            assertThat(probe.execute("UPDATE sessions SET meta = " + meta + " WHERE owner = 'carol' AND session_id = 'odd'",
                    "{\"title\":42}")).isEqualTo(1);
        }

        Http.Response response = as("carol").get("/api/v1/search?q=pelican");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().length()).isLessThan(4096);
        JsonNode sessions = response.json().get("sessions");
        assertThat(sessions).extracting(session -> session.get("session_id").asText() + ": " + session.get("title").asText())
                .containsExactlyInAnyOrder("big: The pelican session", "odd: another pelican question");
        assertThat(sessions).allSatisfy(session -> assertThat(session.get("hits").get(0).get("title"))
                .isEqualTo(session.get("title")));
        assertThat(search("carol", "pelican").get("hits")).extracting(hit -> hit.get("title").asText())
                .containsExactlyInAnyOrder("The pelican session", "another pelican question");
    }

    @Test
    void aSessionShowsAtMostThreeHitsAndPagingCountsSessions() {
        Http carol = as("carol");
        StringBuilder lines = new StringBuilder();
        for (int session = 0; session < 3; session++) {
            for (int turn = 0; turn < 5; turn++) {
                // The even turns name the bird twice and rank first, the odd ones lie between them.
                String words = turn % 2 == 0 ? "kestrel kestrel nest " : "kestrel heron nest ";
                lines.append(Turns.line("paged-" + session, "t" + turn, turn, "user", 1700001000 + session * 100 + turn,
                        words + turn)).append('\n');
            }
        }
        carol.ingest(lines.toString());

        JsonNode first = grouped("carol", "q=kestrel&limit=2");
        JsonNode second = grouped("carol", "q=kestrel&limit=2&offset=2");

        assertThat(sessionIds(first)).hasSize(2);
        assertThat(sessionIds(second)).hasSize(1);
        assertThat(sessionIds(first)).doesNotContainAnyElementsOf(sessionIds(second));
        assertThat(first.get("sessions").get(0).get("hit_count").asLong()).isEqualTo(5);
        assertThat(first.get("sessions").get(0).get("hits")).extracting(hit -> hit.get("seq").asLong())
                .containsExactly(4L, 2L, 0L);
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(second.get("offset").asLong()).isEqualTo(2);
    }

    @Test
    void groupedResultsFindSubstringsAndStayWithinTheCaller() {
        assertThat(sessionIds(grouped("dave", "q=" + URLEncoder.encode("最新", StandardCharsets.UTF_8))))
                .containsExactly("ja");
        assertThat(sessionIds(grouped("dave", "q=useTodos"))).containsExactly("code");
        assertThat(sessionIds(grouped("alice", "q=" + URLEncoder.encode("最新", StandardCharsets.UTF_8)))).isEmpty();
        assertThat(sessionIds(grouped("bob", "q=gradle"))).containsExactly("b1");
        assertThat(sessionIds(grouped("carol", "q=gradle&owner=*"))).containsExactlyInAnyOrder("s1", "b1");
    }

    @Test
    void anUnknownGroupingIs400() {
        assertThat(as("alice").get("/api/v1/search?q=gradle&group=day").json().get("code").asText()).isEqualTo("INVALID");
    }

    @Test
    void aHitCarriesItsSessionAndAHighlightedSnippet() {
        JsonNode hit = search("alice", "memory").get("hits").get(0);

        assertThat(hit.get("owner").asText()).isEqualTo("alice");
        assertThat(hit.get("tool").asText()).isEqualTo("claude-code");
        assertThat(hit.get("title").asText()).isEqualTo("Why does the Gradle build fail on CI?");
        assertThat(hit.get("seq").asLong()).isEqualTo(1);
        assertThat(hit.get("role").asText()).isEqualTo("assistant");
        assertThat(hit.get("snippet").asText()).contains("«memory»");
    }

    @Test
    void searchSeesOnlyTheCallersTurnsUnlessAnAdminAsksForMore() {
        assertThat(turnRefs(search("bob", "gradle"))).containsExactly("b1/t1");
        assertThat(turnRefs(search("dave", "gradle"))).isEmpty();
        assertThat(as("bob").get("/api/v1/search?q=gradle&owner=alice").status()).isEqualTo(403);
        assertThat(turnRefs(as("carol").get("/api/v1/search?group=turn&q=gradle&owner=*").json())).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unbalanced", "NEAR(", "a AND OR", "col:umn", "*", "-gradle", "gradle)", "NEAR(最新 状態)",
            "*\"", "**", "*-", "\"最新\"", "%_", "最新*", "*:", "useTodos NEAR/2 x"})
    void queryOperatorsAreTakenLiterallyAndNeverAnError(String q) {
        Http.Response response = as("alice").get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));

        assertThat(response.status()).isIn(200, 400);
        if (response.status() == 400) {
            assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
        }
    }

    @Test
    void aNulByteInASearchWordIsASeparatorNotAServerError() {
        Http.Response response = as("alice").get("/api/v1/search?q=gra%00dle");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aMissingQueryIs400() {
        assertThat(as("alice").get("/api/v1/search").json().get("code").asText()).isEqualTo("INVALID");
        assertThat(as("alice").get("/api/v1/search?q=%20%20").status()).isEqualTo(400);
    }

    @Test
    void anEditedTurnIsFoundByItsNewWordsOnly() {
        Http carol = as("carol");
        carol.ingest(Turns.line("edit", "t1", 0, "user", 1700000000, "original wording") + "\n");
        carol.ingest(Turns.line("edit", "t1", 0, "user", 1700000000, "replacement phrasing") + "\n");

        assertThat(turnRefs(search("carol", "original"))).isEmpty();
        assertThat(turnRefs(search("carol", "replacement"))).containsExactly("edit/t1");
    }

    @Test
    void anEditAfterTheTurnWasIndexedReplacesItsEntry() {
        Http carol = as("carol");
        carol.ingest(Turns.line("edit-indexed", "t1", 0, "user", 1700000000, "earlier sentence") + "\n");
        assertThat(turnRefs(search("carol", "earlier"))).containsExactly("edit-indexed/t1");

        carol.ingest(Turns.line("edit-indexed", "t1", 0, "user", 1700000000, "rewritten sentence") + "\n");

        assertThat(turnRefs(search("carol", "earlier"))).isEmpty();
        assertThat(turnRefs(search("carol", "rewritten"))).containsExactly("edit-indexed/t1");
    }

    @Test
    void theIndexCatchesUpInTheBackgroundWithoutWaitingForASearch() {
        as("dave").ingest(Turns.line("quiet", "t1", 0, "user", 1700000000, "zyzzyva appears once") + "\n");

        await("the index catching up").atMost(Duration.ofSeconds(20)).until(() -> indexPendingGauge() == 0);
        JsonNode page = search("dave", "zyzzyva");
        assertThat(page.get("index_pending").asLong()).isZero();
        assertThat(turnRefs(page)).containsExactly("quiet/t1");
    }

    @Test
    void aWordInMoreTurnsThanAreRankedIsRankedAmongTheNewestMatchesOfTheAsker() {
        // The oldest turns repeat the word and would rank best; once more than RANKED_NEWEST of dave's
        // turns match, only her newest ones are ranked. bob's later matches do not take her places.
        StringBuilder old = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            old.append(Turns.line("old", "t" + i, i, "user", 1700000000 + i, "lexeme lexeme lexeme lexeme")).append('\n');
        }
        as("dave").ingest(old.toString());
        StringBuilder recent = new StringBuilder();
        for (int i = 0; i < SearchDao.RANKED_NEWEST; i++) {
            recent.append(Turns.line("recent", "t" + i, i, "assistant", 1700100000 + i,
                    "a long answer in which the lexeme appears once among many other words " + i)).append('\n');
        }
        as("dave").ingest(recent.toString());
        StringBuilder others = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            others.append(Turns.line("bob-lexemes", "t" + i, i, "user", 1700200000 + i, "lexeme lexeme")).append('\n');
        }
        as("bob").ingest(others.toString());

        JsonNode grouped = as("dave").get("/api/v1/search?q=lexeme").json();
        assertThat(grouped.get("sessions")).hasSize(1);
        assertThat(grouped.get("sessions").get(0).get("session_id").asText()).isEqualTo("recent");
        assertThat(grouped.get("sessions").get(0).get("hit_count").asLong()).isEqualTo(SearchDao.RANKED_NEWEST);
        assertThat(turnRefs(search("dave", "lexeme"))).allMatch(ref -> ref.startsWith("recent/"));

        // Narrowed to a time range the old session is in, it is found again, and ranks first.
        JsonNode narrowed = as("dave").get("/api/v1/search?q=lexeme&until=1700000099").json();
        assertThat(narrowed.get("sessions").get(0).get("session_id").asText()).isEqualTo("old");
        assertThat(narrowed.get("sessions").get(0).get("hit_count").asLong()).isEqualTo(100);
    }

    @Test
    void theWordIndexKnowsWhoseTurnsItHoldsWithoutThatBeingSearchable() {
        // Each turn's owner is a token of the word index ("u" and the hex of the name): a search keeps to its
        // owner's turns inside the index. Nobody finds turns by typing that token, not even an admin.
        as("alice").ingest(Turns.line("alice-wallaby", "t1", 0, "user", 1700000000, "a wallaby hops by") + "\n");
        as("bob").ingest(Turns.line("bob-wallaby", "t1", 0, "user", 1700000000, "another wallaby") + "\n");

        assertThat(turnRefs(search("alice", "wallaby"))).containsExactly("alice-wallaby/t1");
        assertThat(turnRefs(search("bob", "wallaby"))).containsExactly("bob-wallaby/t1");
        String alicesToken = "u616C696365";
        assertThat(turnRefs(search("alice", alicesToken))).isEmpty();
        assertThat(as("carol").get("/api/v1/search?group=turn&owner=*&q=" + alicesToken).json().get("hits")).isEmpty();
        assertThat(as("carol").get("/api/v1/search?group=turn&owner=*&q=wallaby").json().get("hits")).hasSize(2);
    }

    private static double indexPendingGauge() {
        return Http.to(APP.getAdminPort()).get("/metrics").body().lines()
                .filter(line -> line.startsWith("lethe_search_index_pending "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no lethe_search_index_pending gauge"));
    }
}
