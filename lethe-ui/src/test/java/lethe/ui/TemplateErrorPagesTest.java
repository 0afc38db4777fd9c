package lethe.ui;

import lethe.ui.web.Assets;
import lethe.ui.web.Pages;
import lethe.ui.web.Templates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateErrorPagesTest {

    private final ErrorPages pages = new TemplateErrorPages(new Pages(new Templates(), new Assets()));

    @Test
    void aServerErrorShowsTheIdItWasLoggedUnder() {
        Document page = Jsoup.parse(pages.render(500, "Internal server error", "The server failed.", "e-123"));
        assertThat(page.title()).isEqualTo("500 Internal server error · lethe");
        assertThat(page.selectFirst(".error-status").text()).isEqualTo("500");
        assertThat(page.selectFirst(".error-id code").text()).isEqualTo("e-123");
        assertThat(page.selectFirst(".error-help").text()).contains("went wrong on the server");
        assertThat(page.selectFirst("main")).isNotNull();
        assertThat(page.selectFirst(".viewer")).as("no one is assumed signed in").isNull();
    }

    @Test
    void everyArgumentIsEscaped() {
        String html = pages.render(404, "<i>t</i>", "<script>alert(1)</script>", "<b>id</b>");
        Document page = Jsoup.parse(html);
        assertThat(page.select("script, i, b")).isEmpty();
        assertThat(page.selectFirst(".error-detail").text()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void eachStatusExplainsItself() {
        assertThat(Jsoup.parse(pages.render(401, "Authentication required", "d", null)).text()).contains("reverse proxy");
        assertThat(Jsoup.parse(pages.render(403, "Forbidden", "d", null)).text()).contains("operator");
        assertThat(Jsoup.parse(pages.render(404, "Not found", "d", null)).text()).contains("belong to another account");
        assertThat(Jsoup.parse(pages.render(400, "Invalid request", "d", null)).select(".error-help")).isEmpty();
    }
}
