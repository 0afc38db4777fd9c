package lethe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import lethe.LetheApplication;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.SmallDisk;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk fails ingest as a whole with a clear 503, writes nothing of the failed request, and heals
 * by itself: once space is freed the same request goes through, without restarting lethe.
 */
class DiskFullTest {

    private static final int LINES_PER_REQUEST = 100;
    private static final String CONTENT = "disk full? 数据库 ".repeat(150);

    @TempDir
    Path dir;

    @Test
    void ingestFailsWholeWithAProblemWhenTheDiskIsFullAndWorksAgainOnceSpaceIsFreed() throws Exception {
        try (SmallDisk disk = SmallDisk.create(dir)) {
            List<ConfigOverride> overrides = new ArrayList<>(disk.overrides());
            overrides.add(ConfigOverride.config("database.url", "jdbc:sqlite:" + disk.database()));
            DropwizardTestSupport<LetheConfiguration> app = new DropwizardTestSupport<>(LetheApplication.class,
                    ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new));
            app.before();
            try {
                Http alice = Http.to(app.getLocalPort()).as("alice");
                Set<String> stored = new HashSet<>();
                Http.Response refused = null;
                String refusedBody = null;
                Set<String> refusedIds = null;
                for (int request = 0; refused == null; request++) {
                    assertThat(request).as("requests before %s filled up", disk.kind()).isLessThan(500);
                    Set<String> ids = new HashSet<>();
                    String body = request(request, ids);
                    Http.Response response = alice.ingest(body);
                    if (response.status() == 200) {
                        stored.addAll(ids);
                    } else {
                        refused = response;
                        refusedBody = body;
                        refusedIds = ids;
                    }
                }

                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("code").asText()).isEqualTo("DB_UNAVAILABLE");
                assertThat(refused.json().get("detail").asText()).contains("full").doesNotContain("SQL");
                Set<String> afterRefusal = storedTurnIds(alice);
                assertThat(afterRefusal).containsAll(stored).doesNotContainAnyElementsOf(refusedIds);

                disk.freeBallast();
                Http.Response retried = alice.ingest(refusedBody);
                assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
                assertThat(retried.json().get("accepted").asInt()).isEqualTo(LINES_PER_REQUEST);
                assertThat(storedTurnIds(alice)).containsAll(stored).containsAll(refusedIds);
                assertThat(integrityCheck(disk.database())).isEqualTo("ok");
            } finally {
                app.after();
            }
        }
    }

    private static String request(int request, Set<String> ids) {
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < LINES_PER_REQUEST; line++) {
            String turnId = "q" + request + "-l" + line;
            ids.add(turnId);
            body.append(Turns.line("full-" + request % 3, turnId, request * LINES_PER_REQUEST + line, "tool",
                    1.7e9 + request, CONTENT + turnId)).append('\n');
        }
        return body.toString();
    }

    private static Set<String> storedTurnIds(Http alice) {
        Set<String> ids = new HashSet<>();
        for (int session = 0; session < 3; session++) {
            Http.Response response = alice.get("/api/v1/sessions/claude-code/laptop/full-" + session);
            if (response.status() == 404) {
                continue;
            }
            for (JsonNode turn : response.json().get("turns")) {
                ids.add(turn.get("turn_id").asText());
            }
        }
        return ids;
    }

    private static String integrityCheck(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet result = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
        }
    }
}
