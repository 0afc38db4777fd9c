package lethe.importer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for a lethe server that misbehaves on cue: it answers with the scripted statuses first, then
 * like lethe does (200, every line accepted). Requests are recorded, bodies gunzipped.
 */
final class StubLethe implements AutoCloseable {

    record Answer(int status, String problemCode, String detail) {
    }

    private final HttpServer server;
    private final Deque<Answer> script;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> users = new CopyOnWriteArrayList<>();

    StubLethe(Answer... script) throws IOException {
        this.script = new ArrayDeque<>(List.of(script));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/ingest", this::ingest);
        server.start();
    }

    static Answer problem(int status, String code, String detail) {
        return new Answer(status, code, detail);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The bodies received, one per request, in order. */
    List<String> bodies() {
        return bodies;
    }

    /** The Authorization header of each request ("" when absent). */
    List<String> authorizations() {
        return authorizations;
    }

    /** The Remote-User header of each request ("" when absent). */
    List<String> users() {
        return users;
    }

    private void ingest(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", ""));
            users.add(String.valueOf(exchange.getRequestHeaders().getFirst("Remote-User")).replace("null", ""));
            InputStream body = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(text);
            Answer answer;
            synchronized (script) {
                answer = script.poll();
            }
            String json;
            int status;
            if (answer == null) {
                status = 200;
                json = "{\"accepted\":" + text.lines().count() + ",\"errors\":[]}";
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            } else {
                status = answer.status();
                json = "{\"type\":\"about:blank\",\"title\":\"Problem\",\"status\":" + status + ",\"code\":\""
                        + answer.problemCode() + "\",\"detail\":\"" + answer.detail() + "\"}";
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
