package lethe.ui;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** What a browser gets when a page cannot be shown, and the headers every page and asset carries. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorPagesTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private Http http() {
        return Http.to(APP.getLocalPort());
    }

    private static void assertHtmlPage(Http.Response response, int status, String heading) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("text/html;charset=utf-8");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertSecurityHeaders(response);
        Document page = Html.parse(response);
        assertThat(page.selectFirst("h1").text()).isEqualTo(heading);
        assertThat(page.selectFirst("link[rel=stylesheet]").attr("href")).matches("/assets/lethe\\.[0-9a-f]{12}\\.css");
        assertThat(page.body().text()).doesNotContain("Exception", "at lethe.", "SQL");
    }

    private static void assertSecurityHeaders(Http.Response response) {
        assertThat(response.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void withoutSignInThePageExplainsThatTheProxySignsPeopleIn() {
        Http.Response response = http().get("/");
        assertHtmlPage(response, 401, "Authentication required");
        assertThat(Html.parse(response).selectFirst(".error-help").text()).contains("reverse proxy", "sign in");
    }

    @Test
    void aUserNotOnTheAllowlistGetsA403Page() {
        Http.Response response = http().as("mallory").get("/");
        assertHtmlPage(response, 403, "Forbidden");
        assertThat(Html.parse(response).selectFirst(".error-help").text()).contains("operator");
    }

    @Test
    void anUnknownPathIsA404Page() {
        Http.Response response = http().as("alice").get("/no/such/page");
        assertHtmlPage(response, 404, "Not found");
        assertThat(Html.parse(response).selectFirst(".error-page a.button").attr("href")).isEqualTo("/");
    }

    @Test
    void malformedFiltersAreA400PageThatNamesTheParameter() {
        Http.Response response = http().as("alice").get("/?page=zero");
        assertHtmlPage(response, 400, "Invalid request");
        assertThat(Html.parse(response).selectFirst(".error-detail").text()).isEqualTo("page must be a whole number from 1 to 1000000.");
        Http.Response host = http().as("alice").get("/?host=%3Cscript%3E");
        assertThat(host.status()).isEqualTo(400);
        assertThat(host.body()).doesNotContain("<script>");
    }

    @Test
    void theApiStillAnswersWithProblemJson() {
        Http.Response response = http().get("/api/v1/sessions");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void everyPageCarriesTheStrictHeaders() {
        for (String path : new String[] {"/", "/stats"}) {
            Http.Response response = http().as("alice").get(path);
            assertThat(response.status()).isEqualTo(200);
            assertSecurityHeaders(response);
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.body()).doesNotContain("<script", " style=\"");
        }
    }

    @Test
    void theStylesheetComesFromTheJarCachedForAYear() {
        String href = Html.parse(http().as("alice").get("/")).selectFirst("link[rel=stylesheet]").attr("href");
        Http.Response css = http().get(href);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).isEqualTo("text/css;charset=utf-8");
        assertThat(css.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(css.body()).contains("prefers-color-scheme: dark");
        assertSecurityHeaders(css);

        Http.Response revalidated = http().header("If-None-Match", css.header("ETag")).get(href);
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(http().get("/assets/lethe.000000000000.css").status()).isEqualTo(404);
    }

    @Test
    void pagesReferenceNothingOutsideLethe() {
        Document page = Html.parse(http().as("alice").get("/"));
        assertThat(page.select("[src], [href]")).allSatisfy(element -> {
            String target = element.hasAttr("src") ? element.attr("src") : element.attr("href");
            assertThat(target).matches("[/#].*").doesNotStartWith("//");
        });
    }
}
