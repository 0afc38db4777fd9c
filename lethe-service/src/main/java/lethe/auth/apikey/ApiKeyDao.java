package lethe.auth.apikey;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** The {@code api_keys} table. Writes must run inside {@code Database.inWriteTransaction}. */
@RegisterConstructorMapper(ApiKeyRow.class)
public interface ApiKeyDao {

    String COLUMNS = "id, owner, name, hash, created_at, expires_at, revoked_at, last_used_at";

    @SqlUpdate("""
            INSERT INTO api_keys (id, owner, name, hash, created_at, expires_at)
            VALUES (:id, :owner, :name, :hash, :createdAt, :expiresAt)
            """)
    void insert(@BindMethods ApiKeyRow row);

    /** Served by the unique index on {@code hash}: one lookup per authenticated request. */
    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE hash = :hash")
    Optional<ApiKeyRow> findByHash(@Bind("hash") String hash);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
    Optional<ApiKeyRow> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE owner = :owner ORDER BY created_at DESC, id")
    List<ApiKeyRow> listForOwner(@Bind("owner") String owner);

    /** Keys that would still sign someone in: neither revoked nor expired. */
    @SqlQuery("""
            SELECT count(*) FROM api_keys
             WHERE owner = :owner AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
            """)
    int countUsable(@Bind("owner") String owner, @Bind("now") double now);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY owner, created_at DESC, id")
    List<ApiKeyRow> listAll();

    /** Keeps the first revocation time: revoking twice changes nothing. */
    @SqlUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("at") double at);

    /** Moves {@code last_used_at} forward only, whatever order flushes arrive in. */
    @SqlBatch("""
            UPDATE api_keys SET last_used_at = :at
             WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)
            """)
    void recordUse(@Bind("id") List<String> ids, @Bind("at") List<Double> times);
}
