package lethe.ui;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 3c: a long session's page shows a window of its turns (at most 500, or about 2 Mi
 * characters of text) with links to the earlier and later ones, and a link to one turn opens the window
 * around it; anchors are the turn's position in the whole session.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LongTranscriptPageTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final String PAGE = "/sessions/claude-code/laptop/";

    static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    @BeforeAll
    static void seed() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            many.append(Turns.line("many", "t" + i, i, i % 2 == 0 ? "user" : "assistant", 1_767_268_800 + i, "turn number " + i)).append('\n');
        }
        assertThat(alice().ingest(many.toString()).json().get("accepted").asInt()).isEqualTo(1200);
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            big.append(Turns.line("big", "b" + i, i, "assistant", 1_767_268_800 + i, i + " " + "x".repeat(1024 * 1024))).append('\n');
        }
        assertThat(alice().ingest(big.toString()).json().get("accepted").asInt()).isEqualTo(6);
    }

    private static Document page(String path) {
        Http.Response response = alice().get(PAGE + path);
        assertThat(response.status()).as(path).isEqualTo(200);
        return Html.parse(response);
    }

    @Test
    void theFirstWindowShowsFiveHundredTurnsAndLinksToTheRest() {
        Document first = page("many");

        assertThat(first.select("article[id^=turn-]")).hasSize(500);
        assertThat(first.selectFirst("article[id^=turn-]").id()).isEqualTo("turn-1");
        assertThat(first.selectFirst(".turn-pager").text()).contains("Turns 1–500 of 1200").contains("later turns")
                .doesNotContain("earlier turns");
        String later = first.selectFirst(".turn-pager a[rel=next]").attr("href");
        assertThat(later).isEqualTo("/sessions/claude-code/laptop/many?from=500");

        Document second = page("many?from=500");
        assertThat(second.selectFirst("article[id^=turn-]").id()).isEqualTo("turn-501");
        assertThat(second.text()).contains("turn number 500").doesNotContain("turn number 499 ");
        assertThat(second.selectFirst(".turn-pager a[rel=prev]").attr("href")).isEqualTo("/sessions/claude-code/laptop/many");

        Document last = page("many?from=1000");
        assertThat(last.select("article[id^=turn-]")).hasSize(200);
        assertThat(last.selectFirst(".turn-pager").text()).contains("Turns 1001–1200 of 1200").doesNotContain("later turns");
    }

    @Test
    void aLinkToOneTurnOpensTheWindowAroundIt() {
        Document around = page("many?at=1100");

        assertThat(around.selectFirst("article[id^=turn-]").id()).isEqualTo("turn-1099");
        assertThat(around.selectFirst("article.turn-hit").text()).contains("turn number 1100");

        Document spawn = page("many?spawn=t700");
        assertThat(spawn.selectFirst("article.turn-hit").text()).contains("turn number 700");
    }

    @Test
    void aWindowEndsOnceItsTextPassesItsBudget() {
        Document first = page("big");

        assertThat(first.select("article[id^=turn-]")).hasSize(2);
        assertThat(first.selectFirst(".turn-pager a[rel=next]").attr("href")).endsWith("big?from=2");
        assertThat(page("big?from=4").select("article[id^=turn-]")).hasSize(2);
    }

    @Test
    void aMalformedFromIsA400Page() {
        Http.Response response = alice().get(PAGE + "many?from=-1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(Html.parse(response).selectFirst(".error-detail").text()).contains("from must be");
    }
}
