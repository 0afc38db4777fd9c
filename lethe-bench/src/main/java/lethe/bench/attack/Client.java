package lethe.bench.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blocking HTTP requests to lethe as one user ({@code Remote-User}, lethe's forward-auth from loopback),
 * with the body read to its end. The JDK's {@link HttpURLConnection}, as in {@code reads}.
 */
final class Client {

    /** What came back: the status and body bytes, and the first 64 KiB of the body as text. */
    record Answer(int status, long bytes, String head) {

        private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

        /** An ingest answer in a few words: {@code ingest 200, stored}, {@code ingest 200, line error}, {@code ingest 503}. */
        String ingestOutcome() {
            if (status != 200) {
                return "ingest " + status;
            }
            Matcher accepted = ACCEPTED.matcher(head);
            return accepted.find() && !accepted.group(1).equals("0") && !head.contains("\"line\"")
                    ? "ingest 200, stored" : "ingest 200, line error";
        }
    }

    private static final int HEAD_BYTES = 64 * 1024;

    static {
        // A failed POST must count as failed, not be sent again behind the caller's back.
        System.setProperty("sun.net.http.retryPost", "false");
        System.setProperty("http.maxConnections", "256");
    }

    private final String baseUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    Client(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    Answer get(String user, String path) throws IOException {
        return send(user, "GET", path, null, null);
    }

    Answer getPage(String user, String path) throws IOException {
        return send(user, "GET", path, null, "text/html");
    }

    Answer ingest(String user, byte[] body) throws IOException {
        return send(user, "POST", "/api/v1/ingest", body, null);
    }

    Answer ingest(String user, String body) throws IOException {
        return ingest(user, body.getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(String user, String method, String path, byte[] body, String accept) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        connection.setRequestMethod(method);
        connection.setRequestProperty("Remote-User", user);
        if (accept != null) {
            connection.setRequestProperty("Accept", accept);
        }
        if (body != null) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-ndjson");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        long bytes = 0;
        StringBuilder head = new StringBuilder();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                    if (bytes < HEAD_BYTES) {
                        head.append(new String(buffer, 0, (int) Math.min(read, HEAD_BYTES - bytes), StandardCharsets.UTF_8));
                    }
                    bytes += read;
                }
            }
        }
        return new Answer(status, bytes, head.toString());
    }

    /** An exception in a few words for the tally: {@code timed out} or its class name. */
    static String failure(IOException e) {
        return e instanceof SocketTimeoutException ? "timed out" : "connection error (" + e.getClass().getSimpleName() + ")";
    }
}
