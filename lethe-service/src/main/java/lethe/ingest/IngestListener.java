package lethe.ingest;

/** Told the outcome of every ingest request that was read to the end (metrics hang here). */
public interface IngestListener {

    void ingested(long accepted, long rejected, long lines);

    IngestListener NONE = (accepted, rejected, lines) -> { };

    /** This listener, then {@code next}. */
    default IngestListener andThen(IngestListener next) {
        return (accepted, rejected, lines) -> {
            ingested(accepted, rejected, lines);
            next.ingested(accepted, rejected, lines);
        };
    }
}
