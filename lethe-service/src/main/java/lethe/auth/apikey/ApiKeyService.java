package lethe.auth.apikey;

import lethe.api.ApiKey;
import lethe.api.CreatedApiKey;
import lethe.db.Database;
import lethe.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Creating, listing, revoking and checking API keys; shared by the HTTP API and the {@code keys} commands. */
public final class ApiKeyService {

    public static final int MAX_NAME_LENGTH = 100;
    /** Usable keys one user may hold: one per machine is the norm; thousands would only serve a flood. */
    public static final int MAX_USABLE_KEYS_PER_USER = 100;

    private final Database database;
    private final ApiKeyUsage usage;
    /** Reads borrow a pooled connection per call; the on-demand proxy itself is built once. */
    private final ApiKeyDao reads;

    ApiKeyService(Database database, ApiKeyUsage usage) {
        this.database = database;
        this.usage = usage;
        this.reads = database.jdbi().onDemand(ApiKeyDao.class);
    }

    /** For the commands of the jar, which run without the server and so without usage tracking. */
    public static ApiKeyService forCommands(Database database) {
        return new ApiKeyService(database, new ApiKeyUsage(database));
    }

    /**
     * A new key for {@code owner}, expiring after {@code lifetime} (null: never). The answer carries the
     * secret; lethe keeps only its hash and cannot show it again.
     */
    public CreatedApiKey create(String owner, String name, Duration lifetime) {
        String checkedName = checkName(name);
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw ProblemException.invalid("An API key's lifetime must be positive.");
        }
        ApiKeySecret secret = ApiKeySecret.generate();
        double now = now();
        ApiKeyRow row = new ApiKeyRow(secret.id(), owner, checkedName, secret.hash(), now,
                lifetime == null ? null : now + lifetime.toMillis() / 1000.0, null, null);
        database.inWriteTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            if (dao.countUsable(owner, now) >= MAX_USABLE_KEYS_PER_USER) {
                throw ProblemException.invalid(owner + " already holds " + MAX_USABLE_KEYS_PER_USER
                        + " usable API keys, the most one user may have; revoke some first.");
            }
            dao.insert(row);
            return null;
        });
        return new CreatedApiKey(secret.value(), toApi(row, now));
    }

    /** The keys of {@code owner}, or of everyone when it is null; newest first. */
    public List<ApiKey> list(String owner) {
        List<ApiKeyRow> rows = owner == null ? reads.listAll() : reads.listForOwner(owner);
        double now = now();
        return rows.stream().map(row -> toApi(row, now)).toList();
    }

    /**
     * Revokes the key when it exists and {@code owner} (null: anyone's) owns it. Revoking a revoked key
     * again is fine. Empty when there is no such key for this owner: someone else's key is as absent
     * as a missing one, so its existence stays private.
     */
    public Optional<ApiKey> revoke(String id, String owner) {
        if (!ApiKeySecret.isId(id)) {
            return Optional.empty();
        }
        double now = now();
        return database.inWriteTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            Optional<ApiKeyRow> row = dao.find(id).filter(key -> owner == null || key.owner().equals(owner));
            row.ifPresent(key -> dao.revoke(id, now));
            return row.flatMap(key -> dao.find(id)).map(key -> toApi(key, now));
        });
    }

    /**
     * The key a well-formed secret belongs to, if it is neither revoked nor expired. One indexed read;
     * the use is noted in memory, never written here.
     */
    Optional<ApiKeyRow> authenticate(ApiKeySecret secret) {
        String hash = secret.hash();
        Optional<ApiKeyRow> found = reads.findByHash(hash);
        double now = now();
        // The index found the row by hash equality already; comparing again in constant time costs
        // nothing and keeps the check's timing independent of the stored value whatever the lookup did.
        Optional<ApiKeyRow> valid = found
                .filter(row -> MessageDigest.isEqual(row.hash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(row -> row.id().equals(secret.id()))
                .filter(row -> !row.isRevoked() && !row.isExpiredAt(now));
        valid.ifPresent(row -> usage.used(row.id(), now));
        return valid;
    }

    private ApiKey toApi(ApiKeyRow row, double now) {
        String status = row.isRevoked() ? ApiKey.REVOKED : row.isExpiredAt(now) ? ApiKey.EXPIRED : ApiKey.ACTIVE;
        return new ApiKey(row.id(), row.owner(), row.name(), ApiKeySecret.displayPrefix(row.id()), status,
                row.createdAt(), row.expiresAt(), row.revokedAt(), usage.lastUsed(row));
    }

    private static String checkName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("A key's name must be 1-" + MAX_NAME_LENGTH
                    + " characters without control characters, e.g. the machine it is for.");
        }
        return trimmed;
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
