package lethe.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.IngestResult;
import lethe.api.ProblemCode;
import lethe.api.TurnEvent;
import lethe.db.Database;
import lethe.files.FileIndex;
import lethe.files.FilesDao;
import lethe.files.TouchedFiles;
import lethe.files.TurnFile;
import lethe.files.TurnKey;
import lethe.json.MetaJson;
import lethe.problem.ProblemException;
import lethe.redact.RedactionListener;
import lethe.redact.RedactionTally;
import lethe.redact.Redactor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an NDJSON body into stored turns: every line is parsed and checked before anything is written,
 * then all good lines go to the database in one transaction, so a request is stored whole or not at all.
 */
public class IngestService {

    /** More errors than this in one answer help nobody; the rest are summarised in one entry. */
    static final int MAX_REPORTED_ERRORS = 1000;
    private static final int BATCH_SIZE = 1000;

    private final Database database;
    private final IngestConfig limits;
    private final TurnEventParser parser;
    private final ObjectMapper mapper;
    private final IngestListener listener;
    private final LargeBodyGate largeBodies;
    private final Redactor redactor;
    private final RedactionListener redactions;
    private final FileIndex files;

    /**
     * @param redactor  runs on every parsed line before anything is stored or indexed
     *                  ({@link Redactor#OFF} when redaction is disabled)
     */
    public IngestService(Database database, IngestConfig limits, ObjectMapper mapper, IngestListener listener,
                         LargeBodyGate largeBodies, Redactor redactor, RedactionListener redactions) {
        this.redactor = redactor;
        this.redactions = redactions;
        this.database = database;
        this.limits = limits;
        this.mapper = mapper;
        this.parser = new TurnEventParser(mapper, limits.metaLimits(), limits.getMaxAttachmentBytes());
        this.listener = listener;
        this.largeBodies = largeBodies;
        this.files = new FileIndex(new TouchedFiles(mapper));
    }

    public IngestResult ingest(String owner, InputStream body) throws IOException {
        listener.receiving();
        ParsedBody parsed;
        try (LargeBodyGate.Pass pass = largeBodies.open(owner)) {
            parsed = parse(body, pass);
            if (!parsed.events.isEmpty()) {
                parsed.rejectMetaOverflow(store(owner, parsed.events));
            }
        }
        listener.ingested(parsed.accepted(), parsed.rejected, parsed.lines);
        if (parsed.redacted.total() > 0) {
            redactions.redacted(parsed.redacted);
        }
        return new IngestResult(parsed.accepted(), parsed.reportedErrors(), parsed.redacted.total());
    }

    private ParsedBody parse(InputStream body, LargeBodyGate.Pass pass) throws IOException {
        ParsedBody parsed = new ParsedBody();
        NdjsonLines lines = new NdjsonLines(limits.getMaxLineBytes(), limits.getMaxBodyBytes());
        parsed.lines = lines.read(body, (number, bytes, length) -> {
            if (number > limits.getMaxLines()) {
                throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE,
                        "The request has more than ingest.max_lines (" + limits.getMaxLines() + ") lines; send it in smaller requests.",
                        number, null);
            }
            if (isBlank(bytes, length)) {
                return;
            }
            pass.grew(length);
            try {
                parsed.events.add(parser.parse(bytes, length).redacted(redactor, parsed.redacted, mapper));
                parsed.eventLines.add(number);
            } catch (TurnEventParser.InvalidLine invalid) {
                parsed.reject(number, invalid.getMessage());
            }
        });
        return parsed;
    }

    /**
     * Stores the turns in one write transaction; returns the indexes of turns left out because their
     * {@code session_meta} would grow the session's merged meta past a limit.
     */
    private Set<Integer> store(String owner, List<ParsedTurn> events) {
        // In key order: concurrent requests on PostgreSQL then lock their sessions in the same order.
        Map<SessionKey, List<Integer>> eventsBySession = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            eventsBySession.computeIfAbsent(SessionKey.of(events.get(i).event()), key -> new ArrayList<>()).add(i);
        }
        double now = System.currentTimeMillis() / 1000.0;
        return database.inWriteTransaction(owner, handle -> {
            IngestDao dao = handle.attach(IngestDao.class);
            FilesDao filesDao = handle.attach(FilesDao.class);
            Set<Integer> leftOut = new HashSet<>();
            Map<SessionKey, Long> sessionPks = new LinkedHashMap<>();
            List<SessionLinks> links = new ArrayList<>();
            eventsBySession.forEach((key, indexes) -> {
                Optional<String> stored = dao.storedMeta(owner, key.tool(), key.host(), key.sessionId());
                String meta = mergedMeta(stored, events, indexes, leftOut);
                long pk = dao.upsertSession(owner, key.tool(), key.host(), key.sessionId(), meta, now);
                sessionPks.put(key, pk);
                if (!meta.equals(stored.orElse(null))) {
                    // A patch may also have removed cwd or the parent: the links follow the merged meta.
                    links.add(SessionLinks.of(pk, MetaJson.parse(mapper, meta)));
                }
            });
            dao.updateLinks(links);
            Map<Long, SessionGrowth> growth = new HashMap<>();
            Set<Long> changed = new HashSet<>();
            List<NewTurn> batch = new ArrayList<>(Math.min(BATCH_SIZE, events.size()));
            // When one batch carries a turn twice, its last copy's attachments are the ones kept, as its text is.
            Map<String, List<NewAttachment>> attachments = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                ParsedTurn parsed = events.get(i);
                if (!leftOut.contains(i)) {
                    NewTurn turn = NewTurn.of(sessionPks.get(SessionKey.of(parsed.event())), parsed);
                    batch.add(turn);
                    String turnKey = turn.sessionPk() + "/" + turn.turnId();
                    if (!parsed.attachments().isEmpty() || attachments.containsKey(turnKey)) {
                        attachments.put(turnKey, NewAttachment.of(turn, parsed.attachments()));
                    }
                }
                if (batch.size() == BATCH_SIZE || (i == events.size() - 1 && !batch.isEmpty())) {
                    write(owner, dao, filesDao, batch, attachments, growth, changed);
                    batch.clear();
                    attachments.clear();
                }
            }
            List<SessionGrowth> onlyGrown = growth.values().stream()
                    .filter(grown -> !changed.contains(grown.sessionPk())).toList();
            dao.addToDerivedColumns(onlyGrown);
            dao.refreshFirstUserText(onlyGrown.stream().filter(SessionGrowth::hasUserTurn).map(SessionGrowth::sessionPk).toList());
            dao.refreshDerivedColumns(List.copyOf(changed));
            return leftOut;
        });
    }

    /**
     * The session's meta after its lines' patches, applied in line order as RFC 7396 says: linear in the
     * patches, and the same however the lines were split into requests. When the result would break a
     * meta limit, the lines carrying patches are left out and the stored meta stays as it was.
     */
    private String mergedMeta(Optional<String> stored, List<ParsedTurn> events, List<Integer> indexes, Set<Integer> leftOut) {
        List<Integer> patching = indexes.stream().filter(i -> events.get(i).event().sessionMeta() != null).toList();
        if (patching.isEmpty()) {
            return stored.orElse("{}");
        }
        Map<String, Object> merged = stored.map(json -> MetaJson.parse(mapper, json)).orElseGet(LinkedHashMap::new);
        for (int i : patching) {
            MetaMerge.apply(merged, events.get(i).event().sessionMeta());
        }
        String json = json(merged);
        MetaLimits metaLimits = limits.metaLimits();
        if (json.getBytes(StandardCharsets.UTF_8).length > metaLimits.maxBytes() || MetaMerge.keyCount(merged) > metaLimits.maxKeys()) {
            leftOut.addAll(patching);
            return stored.orElse("{}");
        }
        return json;
    }

    /**
     * Inserts the batch's new turns and replaces re-sent ones that differ. New turns are added to their
     * session's running totals; a session with a replaced turn is recomputed from scratch at the end.
     * A re-sent turn's attachments are replaced by those it carries now, even when its text is unchanged.
     * The files its tool call touched ({@code turn_files}) follow the stored row: written with a new turn,
     * replaced when a re-sent turn changed it. Where no trigger does it (SQLite), the new turns' usage is
     * added to the rollup here, before any replaced turn's update trigger moves usage between buckets.
     */
    private void write(String owner, IngestDao dao, FilesDao filesDao, List<NewTurn> batch,
                       Map<String, List<NewAttachment>> attachments, Map<Long, SessionGrowth> growth, Set<Long> changed) {
        int[] inserted = dao.insertNewTurns(batch);
        List<NewTurn> added = new ArrayList<>();
        List<NewTurn> resent = new ArrayList<>();
        List<TurnFile> newFiles = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            NewTurn turn = batch.get(i);
            if (inserted[i] > 0) {
                added.add(turn);
                growth.computeIfAbsent(turn.sessionPk(), SessionGrowth::new).add(turn);
                newFiles.addAll(filesOf(turn));
            } else {
                resent.add(turn);
            }
        }
        if (!database.dialect().usageOfNewTurnsByTrigger()) {
            List<NewUsage> usage = NewUsage.of(owner, added);
            if (!usage.isEmpty()) {
                dao.addUsage(usage);
            }
        }
        files.added(filesDao, newFiles);
        if (!resent.isEmpty()) {
            int[] replaced = dao.replaceChangedTurns(resent);
            // A turn sent twice in one batch: its last copy that changed the row is what is stored.
            Map<TurnKey, NewTurn> rewritten = new LinkedHashMap<>();
            for (int i = 0; i < resent.size(); i++) {
                if (replaced[i] > 0) {
                    NewTurn turn = resent.get(i);
                    changed.add(turn.sessionPk());
                    rewritten.put(new TurnKey(turn.sessionPk(), turn.turnId()), turn);
                }
            }
            files.replaced(filesDao, List.copyOf(rewritten.keySet()),
                    rewritten.values().stream().flatMap(turn -> filesOf(turn).stream()).toList());
            dao.deleteAttachments(resent);
        }
        if (!attachments.isEmpty()) {
            dao.insertAttachments(attachments.values().stream().flatMap(List::stream).toList());
        }
    }

    private List<TurnFile> filesOf(NewTurn turn) {
        return files.files(turn.sessionPk(), turn.turnId(), turn.toolCallName(), turn.toolCallInput());
    }

    private String json(Map<String, Object> meta) {
        try {
            return mapper.writeValueAsString(meta);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private record SessionKey(String tool, String host, String sessionId) implements Comparable<SessionKey> {

        private static final Comparator<SessionKey> ORDER = Comparator.comparing(SessionKey::tool)
                .thenComparing(SessionKey::host).thenComparing(SessionKey::sessionId);

        static SessionKey of(TurnEvent event) {
            return new SessionKey(event.tool(), event.host(), event.sessionId());
        }

        @Override
        public int compareTo(SessionKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class ParsedBody {
        final List<ParsedTurn> events = new ArrayList<>();
        final List<Long> eventLines = new ArrayList<>();
        final List<IngestResult.LineError> errors = new ArrayList<>();
        final RedactionTally redacted = new RedactionTally();
        long rejected;
        long lines;
        int leftOut;

        void reject(long line, String message) {
            rejected++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new IngestResult.LineError(line, message));
            }
        }

        long accepted() {
            return events.size() - leftOut;
        }

        void rejectMetaOverflow(Set<Integer> indexes) {
            leftOut = indexes.size();
            indexes.stream().sorted().forEach(i -> reject(eventLines.get(i),
                    "session_meta would make the session's merged meta larger than ingest.max_meta_bytes or ingest.max_meta_keys"));
            if (!indexes.isEmpty()) {
                errors.sort(Comparator.comparingLong(IngestResult.LineError::line));
            }
        }

        List<IngestResult.LineError> reportedErrors() {
            if (rejected <= errors.size()) {
                return errors;
            }
            List<IngestResult.LineError> summarised = new ArrayList<>(errors);
            summarised.add(new IngestResult.LineError(0,
                    (rejected - errors.size()) + " more lines were rejected and are not listed"));
            return summarised;
        }
    }
}
