package lethe.auth.apikey;

import lethe.testing.DatabaseProbe;
import lethe.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Last use is noted in memory per request and reaches the database in one batch per flush. */
class ApiKeyUsageTest {

    @Test
    void usesAreWrittenOnlyByAFlushAndAnIdleFlushWritesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.fresh(); DatabaseProbe probe = db.probe()) {
            ApiKeyUsage usage = new ApiKeyUsage(db.database());
            ApiKeyService keys = new ApiKeyService(db.database(), usage);
            ApiKeyVerifier verifier = new ApiKeyVerifier(keys);
            String secret = keys.create("alice", "laptop", null).secret();
            String id = ApiKeySecret.parse(secret).orElseThrow().id();

            long beforeUse = probe.writeVersion();
            for (int i = 0; i < 50; i++) {
                assertThat(verifier.verify(secret)).get().extracting(identity -> identity.name()).isEqualTo("alice");
            }
            assertThat(probe.writeVersion()).as("authenticating writes nothing").isEqualTo(beforeUse);
            assertThat(keys.list("alice").get(0).lastUsedAt()).as("yet the list shows the use").isNotNull();
            assertThat(storedLastUse(db, id)).isNull();

            usage.flush();
            assertThat(probe.writeVersion()).isNotEqualTo(beforeUse);
            assertThat(storedLastUse(db, id)).isEqualTo(keys.list("alice").get(0).lastUsedAt());

            long afterFlush = probe.writeVersion();
            usage.flush();
            assertThat(probe.writeVersion()).as("nothing pending, no transaction").isEqualTo(afterFlush);
        }
    }

    @Test
    void aRevokedKeyStopsVerifyingAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            ApiKeyService keys = new ApiKeyService(db.database(), new ApiKeyUsage(db.database()));
            ApiKeyVerifier verifier = new ApiKeyVerifier(keys);
            String secret = keys.create("bob", "cron", null).secret();
            assertThat(verifier.recognises(secret)).isTrue();
            assertThat(verifier.recognises("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isFalse();
            assertThat(verifier.verify(secret)).isPresent();

            keys.revoke(ApiKeySecret.parse(secret).orElseThrow().id(), "bob");
            assertThat(verifier.verify(secret)).isEmpty();
        }
    }

    private static Double storedLastUse(TestDatabase db, String id) {
        return db.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT last_used_at FROM api_keys WHERE id = :id").bind("id", id)
                .mapTo(Double.class).one());
    }
}
