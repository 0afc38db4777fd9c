package lethe.logging;

import lethe.ingest.IngestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per ingest request with what was stored: counts only, never content. */
public final class IngestLog implements IngestListener {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLog.class);

    @Override
    public void ingested(long accepted, long rejected, long lines) {
        LOG.info("ingest stored {} lines, rejected {} (of {} read)", accepted, rejected, lines);
    }
}
