package lethe.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What the per-turn search API finds, for tests that only ask which sessions hold the hits. */
public final class SearchHits {

    private SearchHits() {
    }

    /** The session id of each hit of {@code GET /api/v1/search?group=turn&q=…}, in the API's order. */
    public static List<String> sessionIds(Http http, String q) {
        Http.Response response = http.get("/api/v1/search?group=turn&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("hits").spliterator(), false)
                .map(hit -> hit.get("session_id").asText()).toList();
    }
}
