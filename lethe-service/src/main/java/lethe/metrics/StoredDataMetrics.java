package lethe.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import lethe.db.Database;
import lethe.db.SqliteFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the database holds: sessions, turns and bytes on disk. */
final class StoredDataMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(StoredDataMetrics.class);

    private final StoredCounts counts;
    private final List<String> names;

    StoredDataMetrics(PrometheusRegistry registry, Database database, Duration maxAge) {
        this.counts = new StoredCounts(database.jdbi(), maxAge, Clock.systemUTC());
        GaugeWithCallback sessions = GaugeWithCallback.builder()
                .name("lethe_sessions_stored")
                .help("Sessions stored, all owners (refreshed at most every prometheus.stored_counts_max_age)")
                .callback(callback -> current().ifPresent(c -> callback.call(c.sessions())))
                .register(registry);
        GaugeWithCallback turns = GaugeWithCallback.builder()
                .name("lethe_turns_stored")
                .help("Turns stored, all owners (refreshed at most every prometheus.stored_counts_max_age)")
                .callback(callback -> current().ifPresent(c -> callback.call(c.turns())))
                .register(registry);
        GaugeWithCallback size = GaugeWithCallback.builder()
                .name("lethe_database_size_bytes")
                .help("Bytes on disk of the SQLite database file and its write-ahead log")
                .unit(Unit.BYTES)
                .callback(callback -> database.file().ifPresent(file -> callback.call(SqliteFile.sizeOnDisk(file))))
                .register(registry);
        this.names = List.of(sessions.getPrometheusName(), turns.getPrometheusName(), size.getPrometheusName());
    }

    List<String> prometheusNames() {
        return names;
    }

    /** Empty while the database cannot answer: the scrape goes on without these two series. */
    private Optional<StoredCounts.Counts> current() {
        try {
            return Optional.of(counts.get());
        } catch (RuntimeException e) {
            LOG.warn("cannot count stored sessions and turns for /metrics: {}", e.toString());
            return Optional.empty();
        }
    }
}
