package lethe.guard;

import com.sun.net.httpserver.HttpServer;
import lethe.testing.Http;
import lethe.testing.Turns;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A web page on another origin that tries to make the visitor's browser write into lethe: the CSRF
 * attacks a local, credential-less lethe must withstand. Served by the JDK's own HTTP server on another
 * loopback port; each attack page reports in its title when the browser is done with it.
 */
final class AttackerSite implements AutoCloseable {

    /** Every turn an attack tries to store belongs to a session whose id starts with this. */
    static final String PLANTED = "planted-";

    private final HttpServer server;
    private final String ingestUrl;

    private AttackerSite(HttpServer server, String ingestUrl) {
        this.server = server;
        this.ingestUrl = ingestUrl;
    }

    static AttackerSite targeting(String letheBaseUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AttackerSite site = new AttackerSite(server, letheBaseUrl + "/api/v1/ingest");
            server.createContext("/", exchange -> {
                byte[] page = site.page(exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attacker's page for {@code path}, as served from {@code host} (127.0.0.1 or localhost). */
    String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    private String page(String path) {
        return switch (path) {
            // The classic: a simple request any page may send without asking, body readable as NDJSON.
            case "/fetch-text-plain" -> fetch("{method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'},"
                    + " body: " + Turns.quote(turn("fetch-text-plain", "from a script")) + "}");
            // A Blob without a type: the request goes out with no Content-Type at all.
            case "/fetch-untyped-blob" -> fetch("{method: 'POST', mode: 'no-cors', body: new Blob(["
                    + Turns.quote(turn("fetch-untyped-blob", "from a script")) + "])}");
            // lethe's own type: the browser must ask first (CORS preflight), and lethe never says yes.
            case "/fetch-ndjson" -> fetch("{method: 'POST', headers: {'Content-Type': 'application/x-ndjson'},"
                    + " body: " + Turns.quote(turn("fetch-ndjson", "from a script")) + "}");
            // A form posted as text/plain: the name=value line is itself a valid NDJSON turn.
            case "/form-text-plain" -> form("text/plain");
            case "/form-urlencoded" -> form("application/x-www-form-urlencoded");
            default -> "<!DOCTYPE html><title>nothing here</title>";
        };
    }

    private String fetch(String init) {
        return "<!DOCTYPE html><html><head><title>waiting</title></head><body><script>"
                + "fetch(" + Turns.quote(ingestUrl) + ", " + init + ")"
                + ".then(() => { document.title = 'sent'; }, e => { document.title = 'refused by the browser'; });"
                + "</script></body></html>";
    }

    private String form(String enctype) {
        String line = turn("form-" + enctype.replaceAll("[^a-z]", "-"), "from a form");
        int cut = line.lastIndexOf("from a form");
        String name = line.substring(0, cut);
        String value = line.substring(cut);
        return "<!DOCTYPE html><html><head><title>posting</title></head><body>"
                + "<form method='POST' enctype='" + enctype + "' action='" + ingestUrl + "'>"
                + "<input type='hidden' name='" + name.replace("&", "&amp;").replace("'", "&#39;") + "' value='"
                + value.replace("&", "&amp;").replace("'", "&#39;") + "'></form>"
                + "<script>document.forms[0].submit();</script></body></html>";
    }

    private static String turn(String attack, String content) {
        return Turns.line(PLANTED + attack, "t1", 0, "user", 1700000000, content);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static boolean anythingPlanted(Http lethe) {
        return lethe.get("/api/v1/sessions?limit=500").json().get("sessions").findValuesAsText("session_id").stream()
                .anyMatch(id -> id.startsWith(PLANTED));
    }
}
