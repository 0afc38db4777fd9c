package lethe.auth.apikey;

import lethe.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each key was last used, kept in memory and written in one batch per flush (once a minute).
 *
 * <p>A collector authenticates every request; writing {@code last_used_at} each time would put a second
 * write on every ingest and make reads write too. "Last used" is only needed to a minute or so, and
 * reads through the API merge in the newer in-memory times, so the batch loses nothing a user sees.
 * A crash loses at most the last minute of "last used", never a key.
 *
 * <p>Several replicas flush the same keys: the update only ever moves a time forward, so the latest use
 * wins whatever order flushes commit in, and every flush updates its keys in id order, so two flushes
 * on PostgreSQL never wait on each other's row locks in a cycle.
 */
final class ApiKeyUsage {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUsage.class);

    private final ConcurrentHashMap<String, Double> unwritten = new ConcurrentHashMap<>();
    private final Database database;

    ApiKeyUsage(Database database) {
        this.database = database;
    }

    void used(String id, double at) {
        unwritten.merge(id, at, Math::max);
    }

    /** The newer of the stored time and one not yet written. */
    Double lastUsed(ApiKeyRow row) {
        Double pending = unwritten.get(row.id());
        if (pending == null) {
            return row.lastUsedAt();
        }
        return row.lastUsedAt() == null ? pending : Math.max(pending, row.lastUsedAt());
    }

    /** Writes every pending time in one transaction; nothing at all when no key was used. */
    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        Map<String, Double> batch = Map.copyOf(unwritten);
        List<String> ids = new ArrayList<>(new TreeSet<>(batch.keySet()));
        List<Double> times = ids.stream().map(batch::get).toList();
        try {
            database.inWriteTransaction(handle -> {
                handle.attach(ApiKeyDao.class).recordUse(ids, times);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not record the last use of {} API keys; retrying at the next flush", ids.size(), e);
            return;
        }
        // Only now, so that a reader never sees neither the pending nor the stored time; a use that came
        // in meanwhile has a different value and stays for the next flush.
        batch.forEach(unwritten::remove);
    }
}
