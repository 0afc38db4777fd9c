package lethe.redact;

/** Told what was redacted from each stored ingest request (the metrics hang here). */
@FunctionalInterface
public interface RedactionListener {

    void redacted(RedactionTally tally);

    RedactionListener NONE = tally -> { };
}
