package lethe.ingest;

/** Told of every ingest request: when it starts, and the outcome of those read to the end (metrics hang here). */
public interface IngestListener {

    void ingested(long accepted, long rejected, long lines);

    /** A request has started to arrive: background work can tell a collector's stream from a pause. */
    default void receiving() {
    }

    IngestListener NONE = (accepted, rejected, lines) -> { };

    /** This listener, then {@code next}. */
    default IngestListener andThen(IngestListener next) {
        IngestListener first = this;
        return new IngestListener() {
            @Override
            public void ingested(long accepted, long rejected, long lines) {
                first.ingested(accepted, rejected, lines);
                next.ingested(accepted, rejected, lines);
            }

            @Override
            public void receiving() {
                first.receiving();
                next.receiving();
            }
        };
    }
}
