package lethe.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.db.Database;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the current rules over what is already stored: turn content, then session meta, in batches by id,
 * each batch's changes in one short write transaction so a serving lethe's collectors wait at most a
 * batch. Progress is saved after every batch: an interrupted rescan resumes where it stopped. A dry run
 * only counts and writes nothing.
 */
public final class Rescan {

    /** What a rescan found (and, unless dry, changed). */
    public record Outcome(long turnsScanned, long sessionsScanned, long turnsChanged, long sessionsChanged,
                          RedactionTally tally) {
    }

    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {
    };

    private final Database database;
    private final Redactor redactor;
    private final ObjectMapper mapper;
    private final int batch;

    public Rescan(Database database, Redactor redactor, ObjectMapper mapper, int batch) {
        this.database = database;
        this.redactor = redactor;
        this.mapper = mapper;
        this.batch = batch;
    }

    public Outcome run(boolean dryRun, PrintStream progress) {
        RedactionTally tally = new RedactionTally();
        long[] turns = {0, 0};
        long[] sessions = {0, 0};
        long turnsAfter = dryRun ? 0 : database.jdbi().withExtension(RescanDao.class, RescanDao::turnsDone);
        long sessionsAfter = dryRun ? 0 : database.jdbi().withExtension(RescanDao.class, RescanDao::sessionsDone);
        if (turnsAfter > 0 || sessionsAfter > 0) {
            progress.println("Resuming after turn " + turnsAfter + " and session " + sessionsAfter + ".");
        }
        while (true) {
            long after = turnsAfter;
            List<RescanDao.Row> rows = database.jdbi().withExtension(RescanDao.class, dao -> dao.turns(after, batch));
            if (rows.isEmpty()) {
                break;
            }
            List<RescanDao.Change> changes = new ArrayList<>();
            for (RescanDao.Row row : rows) {
                String redacted = redactor.redact(row.text(), tally);
                if (!redacted.equals(row.text())) {
                    changes.add(new RescanDao.Change(row.id(), row.sessionPk(), row.text(), redacted));
                }
            }
            turnsAfter = rows.get(rows.size() - 1).id();
            turns[0] += rows.size();
            turns[1] += dryRun ? changes.size() : writeTurns(changes, turnsAfter, sessionsAfter);
            progress.println("Turns up to id " + turnsAfter + ": " + turns[0] + " scanned, " + tally.total() + " secrets so far.");
        }
        while (true) {
            long after = sessionsAfter;
            List<RescanDao.Row> rows = database.jdbi().withExtension(RescanDao.class, dao -> dao.sessions(after, batch));
            if (rows.isEmpty()) {
                break;
            }
            List<RescanDao.Change> changes = new ArrayList<>();
            for (RescanDao.Row row : rows) {
                Map<String, Object> meta = parse(row.text());
                long before = tally.total();
                Map<String, Object> redacted = redactor.redactMap(meta, tally);
                if (tally.total() > before) {
                    changes.add(new RescanDao.Change(row.id(), row.id(), row.text(), json(redacted)));
                }
            }
            sessionsAfter = rows.get(rows.size() - 1).id();
            sessions[0] += rows.size();
            sessions[1] += dryRun ? changes.size() : writeSessions(changes, turnsAfter, sessionsAfter);
        }
        if (!dryRun) {
            database.inWriteTransaction(handle -> {
                handle.attach(RescanDao.class).markDone(0, 0);
                return null;
            });
        }
        return new Outcome(turns[0], sessions[0], turns[1], sessions[1], tally);
    }

    private int writeTurns(List<RescanDao.Change> changes, long turnsDone, long sessionsDone) {
        return database.inWriteTransaction(handle -> {
            RescanDao dao = handle.attach(RescanDao.class);
            int changed = 0;
            Set<Long> sessionPks = new LinkedHashSet<>();
            if (!changes.isEmpty()) {
                int[] counts = dao.replaceTurnContent(changes);
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        changed++;
                        sessionPks.add(changes.get(i).sessionPk());
                    }
                }
                dao.refreshFirstUserText(List.copyOf(sessionPks));
            }
            dao.markDone(turnsDone, sessionsDone);
            return changed;
        });
    }

    private int writeSessions(List<RescanDao.Change> changes, long turnsDone, long sessionsDone) {
        return database.inWriteTransaction(handle -> {
            RescanDao dao = handle.attach(RescanDao.class);
            int changed = 0;
            if (!changes.isEmpty()) {
                for (int count : dao.replaceSessionMeta(changes)) {
                    changed += count > 0 ? 1 : 0;
                }
            }
            dao.markDone(turnsDone, sessionsDone);
            return changed;
        });
    }

    private Map<String, Object> parse(String json) {
        try {
            return mapper.readValue(json, META);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Map<String, Object> meta) {
        try {
            return mapper.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
