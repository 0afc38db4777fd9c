package lethe.db;

import lethe.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pragmas every pooled SQLite connection runs with, as SQLite itself reports them. */
class DatabaseDefaultsTest {

    @Test
    void aPooledConnectionIsDurableWalWithSecureDeleteAndReadsPagesWithoutMappingTheFile() throws Exception {
        try (TestDatabase test = TestDatabase.fresh()) {
            Map<String, Object> pragmas = test.database().pragmas();
            assertThat(pragmas.get("journal_mode")).isEqualTo("wal");
            assertThat(pragmas.get("synchronous")).as("FULL").isEqualTo(2);
            assertThat(pragmas.get("foreign_keys")).isEqualTo(1);
            assertThat(pragmas.get("secure_delete")).isEqualTo(1);
            assertThat(pragmas.get("mmap_size")).isEqualTo(0L);
        }
    }

    @Test
    void anOperatorWhoSetsOnePragmaKeepsTheOthersAndGetsTheirOwn() throws Exception {
        try (TestDatabase test = TestDatabase.fresh(Map.of("mmap_size", "268435456"))) {
            Map<String, Object> pragmas = test.database().pragmas();
            assertThat(pragmas.get("mmap_size")).isEqualTo(268_435_456L);
            assertThat(pragmas.get("journal_mode")).isEqualTo("wal");
            assertThat(pragmas.get("synchronous")).isEqualTo(2);
        }
    }
}
