package lethe.auth.apikey;

/** One row of {@code api_keys}; times are Unix seconds. */
public record ApiKeyRow(String id, String owner, String name, String hash, double createdAt, Double expiresAt,
                        Double revokedAt, Double lastUsedAt) {

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isExpiredAt(double now) {
        return expiresAt != null && expiresAt <= now;
    }
}
