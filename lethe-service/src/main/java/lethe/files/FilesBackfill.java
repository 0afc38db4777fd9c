package lethe.files;

import io.dropwizard.lifecycle.Managed;
import lethe.db.Database;
import lethe.problem.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code turn_files} for the turns a database held before the files index existed. The changeSet that
 * made the table recorded the highest turn id then ({@code files_backfill.up_to}); every turn stored since
 * is indexed by its ingest. This pass walks the older turns with a tool call in id order, a batch per write
 * transaction, and saves how far it got with each batch, so a restart resumes where it stopped. Re-indexing
 * a turn replaces its rows, so a turn that was re-sent meanwhile (and so already indexed) comes out the same.
 *
 * <p>In Java rather than in the migration's SQL: the paths come from JSON inputs and from the headers inside
 * Codex's patch text, which would need two different dialects of JSON and text functions to parse, twice
 * over ({@link TouchedFiles} is the one place that knows the tools).
 */
public final class FilesBackfill implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(FilesBackfill.class);
    /** Turns read per transaction: short enough that a collector waiting on the write lock waits little. */
    static final int BATCH = 1_000;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final Database database;
    private final FileIndex index;
    private volatile boolean running;
    private Thread worker;

    public FilesBackfill(Database database, FileIndex index) {
        this.database = database;
        this.index = index;
    }

    @Override
    public void start() {
        if (pending() == 0) {
            return;
        }
        running = true;
        worker = new Thread(this::fillWhileRunning, "files-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (worker == null) {
            return;
        }
        running = false;
        worker.interrupt();
        worker.join(Duration.ofSeconds(10).toMillis());
    }

    /** How many turn ids are left to look at (0 once the back-fill is complete). */
    public long pending() {
        return database.jdbi().withExtension(FilesDao.class, dao -> Math.max(0, dao.backfillUpTo() - dao.backfillDone()));
    }

    private void fillWhileRunning() {
        int failures = 0;
        while (running) {
            try {
                if (!fillBatch()) {
                    LOG.info("Files index back-filled for the turns stored before it existed");
                    return;
                }
                failures = 0;
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                failures++;
                LOG.warn("Back-filling the files index failed ({} in a row); trying again in {} s", failures,
                        RETRY_AFTER_FAILURE.toSeconds(), SafeText.forLog(e));
                synchronized (this) {
                    try {
                        wait(RETRY_AFTER_FAILURE.toMillis());
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    /** Indexes the next batch; false when nothing was left. */
    boolean fillBatch() {
        return database.inWriteTransaction(handle -> {
            FilesDao dao = handle.attach(FilesDao.class);
            long done = dao.backfillDone();
            long upTo = dao.backfillUpTo();
            if (done >= upTo) {
                return false;
            }
            List<StoredCall> calls = dao.callsAfter(done, upTo, BATCH);
            List<TurnKey> turns = new ArrayList<>(calls.size());
            List<TurnFile> files = new ArrayList<>();
            for (StoredCall call : calls) {
                turns.add(new TurnKey(call.sessionPk(), call.turnId()));
                files.addAll(index.files(call.sessionPk(), call.turnId(), call.toolCallName(), call.toolCallInput()));
            }
            index.replaced(dao, turns, files);
            dao.markDone(calls.size() < BATCH ? upTo : calls.get(calls.size() - 1).id());
            return true;
        });
    }
}
