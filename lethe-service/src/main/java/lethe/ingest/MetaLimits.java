package lethe.ingest;

/**
 * How large a session's {@code meta} may grow: each line's {@code session_meta} and the merged meta that is
 * stored are held to the same bounds, so that merging, storing and listing a session stay cheap.
 */
public record MetaLimits(int maxKeys, int maxDepth, int maxBytes) {

    public static final MetaLimits DEFAULT = new MetaLimits(1000, 16, 64 * 1024);
}
