package lethe.api.client;

import lethe.api.DeletedSession;
import lethe.api.DeletedSessionList;
import lethe.api.IngestResult;
import lethe.api.Problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A small client for lethe's ingest endpoint (and the list of deleted sessions an importer skips), on the
 * JDK's own {@link HttpClient}.
 *
 * <pre>{@code
 * LetheClient client = LetheClient.builder(URI.create("http://127.0.0.1:8080"), codec)
 *         .credentials(Credentials.bearer(TokenSource.fixed(apiKey)))
 *         .build();
 * IngestResult result = client.ingest(ndjsonLines);
 * }</pre>
 *
 * <p>Bodies are gzipped. Failures that may pass on their own (no answer, 5xx, 429) are retried with
 * exponential backoff, honouring {@code Retry-After}; a 4xx is thrown at once as a
 * {@link LetheClientException}, since sending the same request again cannot change the answer. Resending
 * is safe because lethe stores a turn once per turn id, however often it arrives.
 */
public final class LetheClient {

    public static final String NDJSON = "application/x-ndjson";
    static final String INGEST_PATH = "/api/v1/ingest";
    static final String DELETED_SESSIONS_PATH = "/api/v1/deleted-sessions";

    /** Told about each retry, e.g. to print "server busy, retrying in 2 s". */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (failure, attempt, delay) -> { };

        void retrying(LetheClientException failure, int attempt, Duration delay);
    }

    private final HttpClient http;
    private final URI ingestUri;
    private final URI deletedSessionsUri;
    private final JsonCodec codec;
    private final Credentials credentials;
    private final RetryPolicy retries;
    private final RetryListener retryListener;
    private final Duration requestTimeout;
    private final boolean gzip;

    private LetheClient(Builder builder) {
        this.http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
        this.ingestUri = resolve(builder.server, INGEST_PATH);
        this.deletedSessionsUri = resolve(builder.server, DELETED_SESSIONS_PATH);
        this.codec = builder.codec;
        this.credentials = builder.credentials;
        this.retries = builder.retries;
        this.retryListener = builder.retryListener;
        this.requestTimeout = builder.requestTimeout;
        this.gzip = builder.gzip;
    }

    public static Builder builder(URI server, JsonCodec codec) {
        return new Builder(server, codec);
    }

    /** Sends NDJSON lines (each one JSON object without a line break), as one request. */
    public IngestResult ingest(List<String> lines) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String line : lines) {
            body.write(line.getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        return ingest(body.toByteArray());
    }

    /** Sends an NDJSON body as one request; the server reports bad lines by their 1-based number in it. */
    public IngestResult ingest(byte[] ndjson) throws IOException {
        byte[] body = gzip ? gzip(ndjson) : ndjson;
        return exchange(ingestUri, IngestResult.class, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(ingestUri)
                    .header("Content-Type", NDJSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (gzip) {
                request.header("Content-Encoding", "gzip");
            }
            return request;
        });
    }

    /**
     * The keys of the caller's sessions deleted for good on the server and not sent again since
     * ({@code GET /api/v1/deleted-sessions}), for an importer to leave them out.
     */
    public List<DeletedSession> deletedSessions() throws IOException {
        DeletedSessionList list = exchange(deletedSessionsUri, DeletedSessionList.class,
                () -> HttpRequest.newBuilder(deletedSessionsUri).GET());
        return list.sessions() == null ? List.of() : list.sessions();
    }

    /**
     * One request, retried while the failure may pass on its own. The request is built again for every
     * attempt, so that credentials are asked for each time (a token may have been refreshed meanwhile).
     */
    private <T> T exchange(URI uri, Class<T> answer, RequestBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            LetheClientException failure;
            try {
                HttpRequest.Builder request = builder.build()
                        .timeout(requestTimeout)
                        .header("Accept", "application/json, " + Problem.MEDIA_TYPE);
                credentials.apply(request);
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return codec.read(response.body(), answer);
                }
                failure = refusal(response, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + uri);
            } catch (IOException e) {
                failure = new LetheClientException("no answer from " + uri + ": " + describe(e), 0, null, null,
                        attempt, e);
            }
            if (!failure.isTransient() || attempt >= retries.maxAttempts()) {
                throw failure;
            }
            Duration delay = retries.delayAfter(attempt, failure.retryAfter().orElse(null));
            retryListener.retrying(failure, attempt, delay);
            pause(delay);
        }
    }

    /** A request without its timeout, {@code Accept} and credentials, which every attempt adds. */
    @FunctionalInterface
    private interface RequestBuilder {
        HttpRequest.Builder build() throws IOException;
    }

    private LetheClientException refusal(HttpResponse<byte[]> response, int attempt) {
        int status = response.statusCode();
        Problem problem = problemIn(response);
        String detail = problem != null && problem.detail() != null ? problem.detail() : bodyExcerpt(response.body());
        String code = problem != null && problem.code() != null ? " " + problem.code() : "";
        String message = "lethe answered " + status + code + (detail.isEmpty() ? "" : ": " + detail);
        Duration retryAfter = response.headers().firstValue("Retry-After").map(LetheClient::retryAfter).orElse(null);
        return new LetheClientException(message, status, problem, retryAfter, attempt, null);
    }

    private Problem problemIn(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.contains("json") || response.body().length == 0) {
            return null;
        }
        try {
            return codec.read(response.body(), Problem.class);
        } catch (IOException | RuntimeException notAProblem) {
            // A proxy's own error page or a truncated body: the status line still says enough.
            return null;
        }
    }

    private static String bodyExcerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.replaceAll("\\s+", " ");
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static void pause(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static URI resolve(URI server, String path) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    public static final class Builder {
        private final URI server;
        private final JsonCodec codec;
        private Credentials credentials = Credentials.none();
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private RetryListener retryListener = RetryListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private boolean gzip = true;

        private Builder(URI server, JsonCodec codec) {
            this.server = Objects.requireNonNull(server, "server");
            this.codec = Objects.requireNonNull(codec, "codec");
            String scheme = server.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("the server URL must start with http:// or https://, not " + server);
            }
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder retries(RetryPolicy retries) {
            this.retries = Objects.requireNonNull(retries, "retries");
            return this;
        }

        public Builder onRetry(RetryListener listener) {
            this.retryListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long one attempt may take, upload and answer included; a large batch on a slow link needs time. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether bodies are gzipped (the default); off only for servers behind a proxy that mangles encodings. */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public LetheClient build() {
            return new LetheClient(this);
        }
    }
}
