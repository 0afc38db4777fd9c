package lethe.files;

import lethe.db.BackgroundWork;
import lethe.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class FilesBackfill extends BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(FilesBackfill.class);
    /** Turns read per transaction: short enough that a collector waiting on the write lock waits little. */
    static final int BATCH = 1_000;

    private final Database database;
    private final FileIndex index;

    public FilesBackfill(Database database, FileIndex index) {
        super("files-backfill", "Back-filling the files index");
        this.database = database;
        this.index = index;
    }

    @Override
    protected boolean needed() {
        return pending() > 0;
    }

    /** How many turn ids are left to look at (0 once the back-fill is complete). */
    public long pending() {
        return database.jdbi().withExtension(FilesDao.class, dao -> Math.max(0, dao.backfillUpTo() - dao.backfillDone()));
    }

    @Override
    protected boolean step() {
        if (fillBatch()) {
            return true;
        }
        LOG.info("Files index back-filled for the turns stored before it existed");
        return false;
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
