package lethe.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Html;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.RawHttp;
import lethe.testing.Turns;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3: every error is written by one writer with one rule — an RFC 7807 problem with a code for API
 * clients, lethe's HTML page for browsers — Jersey's, the servlet filters' and Jetty's own included.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProblemWriterTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    /** What Chromium sends when it navigates. */
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "SELECT", "sqlite");
    }

    @Test
    void anUnknownApiPathIsANotFoundProblem() {
        assertProblem(alice().get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(alice().get("/api/v2/sessions"), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblemWithAllow() {
        Http.Response response = alice().method("DELETE", "/api/v1/sessions");

        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.header("Allow")).contains("GET");
        assertProblem(alice().get("/api/v1/ingest"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void anUnacceptableMediaTypeIsAProblem() {
        Http.Response response = alice().header("Accept", "application/xml").get("/api/v1/sessions");

        assertProblem(response, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aMissingUserIs401WithAProblemBody() {
        assertProblem(Http.to(APP.getLocalPort()).get("/api/v1/sessions"), 401, "UNAUTHORIZED");
    }

    @Test
    void aServerFaultIsA500WithAnErrorIdAndNoInternals() throws Exception {
        Http bob = Http.to(APP.getLocalPort()).as("bob");
        bob.ingest(Turns.line("fault", "t1", 0, "user", 1700000000, "x") + "\n");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + LetheApp.databaseFile(APP));
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE turns RENAME TO turns_hidden");
        }
        try {
            Http.Response response = bob.get("/api/v1/sessions/claude-code/laptop/fault");

            assertProblem(response, 500, "INTERNAL");
            assertThat(response.json().get("error_id").asText()).matches("[0-9a-f-]{36}");
            assertThat(response.json().get("detail").asText()).contains(response.json().get("error_id").asText());
            assertThat(response.body()).doesNotContain("turns", "no such table");
        } finally {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + LetheApp.databaseFile(APP));
                 Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE turns_hidden RENAME TO turns");
            }
        }
    }

    @Test
    void theSameErrorIsAPageForABrowserAndAProblemForAnApiClient() {
        Http.Response browser = alice().header("Accept", BROWSER).get("/api/v1/nothing-here");
        assertLethePage(browser, 404);
        assertThat(Html.parse(browser).selectFirst("h1").text()).isEqualTo("Not found");

        assertProblem(alice().header("Accept", "application/json").get("/no-such-page"), 404, "NOT_FOUND");
        assertLethePage(alice().header("Accept", BROWSER).get("/no-such-page"), 404);
    }

    @Test
    void withoutAPreferenceThePathDecides() {
        assertProblem(alice().header("Accept", "*/*").get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertLethePage(alice().header("Accept", "*/*").get("/no-such-page"), 404);
        assertLethePage(alice().header("Accept", "image/avif,image/webp,*/*;q=0.8").get("/no-such-page"), 404);
        assertProblem(alice().header("Accept", "text/html;q=0.5, application/json").get("/no-such-page"), 404, "NOT_FOUND");
    }

    @Test
    void aPageRefusalIsAProblemForAClientThatAsksForJson() {
        Http.Response response = alice().header("Accept", "text/html;q=0.1, application/problem+json").get("/?page=zero");

        assertProblem(response, 400, "INVALID");
        assertThat(response.json().get("detail").asText()).isEqualTo("page must be a whole number from 1 to 1000000.");
    }

    @Test
    void aServletFilterRefusalFollowsTheSameRule() {
        String wrongHost = "GET %s HTTP/1.1\r\nHost: evil.example\r\nRemote-User: alice\r\nAccept: %s";
        RawHttp.Response page = RawHttp.send(APP.getLocalPort(), wrongHost.formatted("/api/v1/sessions", BROWSER), new byte[0]);
        assertThat(page.status()).isEqualTo(421);
        assertThat(page.contentType()).isEqualTo(ProblemWriter.HTML);

        RawHttp.Response problem = RawHttp.send(APP.getLocalPort(), wrongHost.formatted("/", "application/json"), new byte[0]);
        assertThat(problem.status()).isEqualTo(421);
        assertThat(problem.contentType()).isEqualTo(ProblemWriter.PROBLEM_JSON);
        assertThat(problem.json().get("code").asText()).isEqualTo("MISDIRECTED_REQUEST");
    }

    /**
     * Requests Jetty refuses itself, before any servlet: never Jetty's own page, never a stack trace. Jetty
     * drops a bad request's headers before lethe sees it, so the path decides; a request line it cannot read
     * at all has no path either and gets a problem.
     */
    @ParameterizedTest(name = "{0} with Accept {1}")
    @CsvSource(delimiter = '|', value = {
            "GET /% HTTP/1.1|text/html|400|problem",
            "GET /% HTTP/1.1|application/json|400|problem",
            "GET /%00 HTTP/1.1|text/html|400|problem",
            "GET /%00 HTTP/1.1|application/json|400|problem",
            "GET /api/v1/sessions/%ZZ/x/y HTTP/1.1|text/html|400|problem",
            "GET /../../etc/passwd HTTP/1.1|text/html|400|problem",
            "GET /a%2Fb HTTP/1.1|text/html|400|page",
            "GET /a%2Fb HTTP/1.1|application/json|400|page",
            "GET /api/v1/sessions/a%2Fb/h/s HTTP/1.1|text/html|400|problem",
            "GET /api/v1/sessions/a%2Fb/h/s HTTP/1.1|application/json|400|problem",
            "GET /x HTTP/9.9|text/html|505|problem",
    })
    void malformedRequestLinesAreAnsweredByLethe(String requestLine, String accept, int status, String kind) {
        RawHttp.Response response = RawHttp.send(APP.getLocalPort(),
                requestLine + "\r\nHost: 127.0.0.1\r\nRemote-User: alice\r\nAccept: " + accept, new byte[0]);

        assertAnsweredByLethe(response, status, kind);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "header without colon|/sessions|Bad Header|400|page",
            "header without colon|/api/v1/sessions|Bad Header|400|problem",
            "control character|/|X-Control: a\u0001b|400|page",
            "two Content-Lengths|/api/v1/ingest|Content-Length: 1 CRLF Content-Length: 2|400|problem",
            "unknown Transfer-Encoding|/api/v1/ingest|Transfer-Encoding: zip|400|problem",
            "two Hosts|/|Host: b|400|page",
            "over-long headers|/|X-Padding: LONG|431|page",
            "over-long headers|/api/v1/sessions|X-Padding: LONG|431|problem",
    })
    void malformedHeadersAreAnsweredByLethe(String what, String path, String header, int status, String kind) {
        String extra = header.replace("LONG", "a".repeat(20_000)).replace(" CRLF ", "\r\n");
        for (String accept : List.of(BROWSER, "application/json")) {
            RawHttp.Response response = RawHttp.send(APP.getLocalPort(),
                    "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept + "\r\n" + extra, new byte[0]);

            assertAnsweredByLethe(response, status, kind);
        }
    }

    @Test
    void anUnknownAddressOnTheAdminPortFollowsTheRule() {
        RawHttp.Response page = RawHttp.send(APP.getAdminPort(), "GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BROWSER, new byte[0]);
        assertAnsweredByLethe(page, 404, "page");

        RawHttp.Response problem = RawHttp.send(APP.getAdminPort(), "GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json", new byte[0]);
        assertAnsweredByLethe(problem, 404, "problem");
        assertThat(problem.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void theRuleWeighsAcceptLikeRfc9110() {
        assertThat(ProblemWriter.wantsHtml("/api/v1/sessions", BROWSER)).isTrue();
        assertThat(ProblemWriter.wantsHtml("/", "application/json, application/problem+json")).isFalse();
        assertThat(ProblemWriter.wantsHtml("/", "text/*;q=0.2, application/*;q=0.9")).isFalse();
        assertThat(ProblemWriter.wantsHtml("/api/x", "text/html;q=0")).isFalse();
        assertThat(ProblemWriter.wantsHtml("/x", null)).isTrue();
        assertThat(ProblemWriter.wantsHtml("/api/x", null)).isFalse();
        assertThat(ProblemWriter.wantsHtml(null, null)).isFalse();
        assertThat(ProblemWriter.wantsHtml("/x", "text/html;q=nonsense, application/json;q=0.1")).isFalse();
    }

    private static void assertAnsweredByLethe(RawHttp.Response response, int status, String kind) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().get("content-security-policy")).isNotNull();
        assertThat(response.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.headers().get("cache-control")).isEqualTo("no-store");
        assertThat(response.body()).doesNotContain("HTTP ERROR", "Jetty", "Exception", "\tat ", "<pre>");
        if (kind.equals("page")) {
            assertThat(response.contentType()).isEqualTo(ProblemWriter.HTML);
            assertThat(Jsoup.parse(response.body()).selectFirst("link[rel=stylesheet]").attr("href")).startsWith("/assets/lethe.");
        } else {
            assertThat(response.contentType()).isEqualTo(ProblemWriter.PROBLEM_JSON);
            assertThat(response.json().get("status").asInt()).isEqualTo(status);
            assertThat(response.json().get("code").asText()).isNotBlank();
        }
    }

    private static void assertLethePage(Http.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo(ProblemWriter.HTML);
        assertThat(response.header("Content-Security-Policy")).isNotNull();
        assertThat(Html.parse(response).selectFirst("link[rel=stylesheet]").attr("href")).startsWith("/assets/lethe.");
        assertThat(response.body()).doesNotContain("\"code\"");
    }
}
