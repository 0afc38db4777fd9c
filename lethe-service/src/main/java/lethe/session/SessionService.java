package lethe.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionFile;
import lethe.api.SessionPage;
import lethe.api.SessionParent;
import lethe.api.StoredAttachment;
import lethe.api.Subagent;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.Turn;
import lethe.api.Usage;
import lethe.files.FileIndex;
import lethe.files.FilesDao;
import lethe.json.MetaJson;
import lethe.ui.data.Facets;
import lethe.ui.data.TurnWindow;
import lethe.usage.UsageService;
import org.jdbi.v3.core.Jdbi;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Reads sessions for the API and the pages, always scoped to an owner the caller may see. */
public class SessionService {

    static final int TITLE_LENGTH = 120;
    /** Assistants wrap slash commands in tags ({@code <command-name>/init</command-name>}): a title shows the words. */
    private static final Pattern MARKUP_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9_-]{0,63}>");
    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final UsageService costs;
    private final ObjectReader toolInputReader;
    private final SessionTurns turns;

    public SessionService(Jdbi jdbi, ObjectMapper mapper, UsageService usage) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.costs = usage;
        this.turns = new SessionTurns(jdbi);
        this.toolInputReader = mapper.readerFor(new TypeReference<Map<String, Object>>() { })
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** A page of sessions with their costs, read through one connection. */
    public SessionPage list(SessionQuery query) {
        return jdbi.withHandle(handle -> {
            List<SessionRow> rows = SessionList.page(handle, query);
            Map<Long, Double> costs = this.costs.sessionCosts(handle, rows.stream().map(SessionRow::id).toList());
            return new SessionPage(rows.stream().map(row -> toSession(row, costs.get(row.id()))).toList(),
                    query.limit(), query.offset());
        });
    }

    /**
     * A session with its turns (attachments listed by URL), the sub-agent runs it spawned and the files its
     * tool calls read or changed.
     */
    public Optional<SessionDetail> find(String owner, String tool, String host, String sessionId) {
        return open(owner, tool, host, sessionId).map(found -> {
            List<Turn> turns = new ArrayList<>();
            streamTurns(found, 0, turns::add);
            return new SessionDetail(found.session(), turns, found.subagents(), found.files());
        });
    }

    /** A session found for a read: its columns, sub-agent runs and files, and its row key for streaming its turns. */
    public record Found(long pk, Session session, List<Subagent> subagents, List<SessionFile> files) {
    }

    /** Receives a session's turns one at a time; returns false to stop. */
    @FunctionalInterface
    public interface TurnSink<E extends Exception> {
        boolean accept(Turn turn) throws E;
    }

    /** The session, without its turns: what a streamed read writes first. */
    public Optional<Found> open(String owner, String tool, String host, String sessionId) {
        return jdbi.withHandle(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            return dao.find(owner, tool, host, sessionId).map(row -> new Found(row.id(),
                    toSession(row, costs.sessionCosts(handle, List.of(row.id())).get(row.id())),
                    dao.subagents(owner, tool, host, sessionId).stream()
                            .map(run -> new Subagent(run.sessionId(), title(MetaJson.parse(mapper, run.metaJson()),
                                    run.firstUserText()), run.parentTurnId(), run.turnCount()))
                            .toList(),
                    FileIndex.sessionFiles(handle.attach(FilesDao.class).sessionFiles(row.id()))));
        });
    }

    /** The files a session of {@code owner} read or changed, sorted by path; empty for anyone else's or a missing one. */
    public List<SessionFile> files(String owner, String tool, String host, String sessionId) {
        return jdbi.withHandle(handle -> handle.attach(SessionDao.class).find(owner, tool, host, sessionId)
                .map(row -> FileIndex.sessionFiles(handle.attach(FilesDao.class).sessionFiles(row.id())))
                .orElse(List.of()));
    }

    /**
     * Hands the session's turns to {@code sink} in order, starting {@code skip} turns in, holding at most one
     * batch of them (see {@link SessionTurns}); no database connection is held while the sink runs.
     */
    public <E extends Exception> void streamTurns(Found found, long skip, TurnSink<E> sink) throws E {
        streamRows(found, skip, (row, attachments) -> sink.accept(toTurn(found.session(), row, attachments,
                row.content() == null ? null : new String(row.content(), StandardCharsets.UTF_8))));
    }

    /** Receives a session's turns without their content, and the content as the UTF-8 the database holds. */
    @FunctionalInterface
    public interface Utf8TurnSink<E extends Exception> {
        boolean accept(Turn withoutContent, byte[] contentUtf8) throws E;
    }

    /**
     * {@link #streamTurns} for a writer that copies each turn's text out as the UTF-8 it is stored as: a
     * 2 000-turn session's API read decoded and encoded again three megabytes of text, a fifth of its time.
     */
    public <E extends Exception> void streamTurnsUtf8(Found found, long skip, Utf8TurnSink<E> sink) throws E {
        streamRows(found, skip, (row, attachments) -> sink.accept(toTurn(found.session(), row, attachments, null),
                row.content()));
    }

    @FunctionalInterface
    private interface RowSink<E extends Exception> {
        boolean accept(TurnRow row, List<AttachmentRow> attachments) throws E;
    }

    private <E extends Exception> void streamRows(Found found, long skip, RowSink<E> sink) throws E {
        SessionTurns.Reader reader = turns.new Reader(found.pk(), skip);
        for (SessionTurns.Batch batch = reader.next(); !batch.turns().isEmpty(); batch = reader.next()) {
            for (TurnRow row : batch.turns()) {
                if (!sink.accept(row, batch.attachments().getOrDefault(row.id(), List.of()))) {
                    return;
                }
            }
        }
    }

    /**
     * A session with the window of its turns a page shows (see {@link TurnWindow}), read like
     * {@link #streamTurns}: only the window's turns are ever in memory.
     */
    public Optional<SessionDetail> window(String owner, String tool, String host, String sessionId, TurnWindow window) {
        return open(owner, tool, host, sessionId).map(found -> {
            List<Turn> turns = new ArrayList<>();
            long[] chars = {0};
            streamTurns(found, window.from(), turn -> {
                long position = window.from() + turns.size();
                if (turns.size() >= window.maxTurns()
                        || (!turns.isEmpty() && chars[0] >= window.maxChars() && position > window.reach())) {
                    return false;
                }
                turns.add(turn);
                chars[0] += turn.content() == null ? 0 : turn.content().length();
                return true;
            });
            return new SessionDetail(found.session(), turns, found.subagents(), found.files());
        });
    }

    /** The 0-based position of the session's first turn with {@code seq}, or of its turn {@code turnId} when given. */
    public OptionalLong turnPosition(String owner, String tool, String host, String sessionId, Long seq, String turnId) {
        if (seq == null && turnId == null) {
            return OptionalLong.empty();
        }
        return open(owner, tool, host, sessionId).map(found -> turns.position(found.pk(), seq, turnId))
                .orElse(OptionalLong.empty());
    }

    /** One attachment of one of the owner's sessions; empty for anyone else's as for a missing one. */
    public Optional<AttachmentFile> attachment(String owner, String tool, String host, String sessionId, String turnId,
                                               int index) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.attachment(owner, tool, host, sessionId, turnId, index));
    }

    /** The distinct tools and hosts of one owner's sessions (everyone's when {@code owner} is null). */
    public Facets facets(String owner) {
        return jdbi.withExtension(SessionDao.class, dao -> new Facets(dao.tools(owner), dao.hosts(owner)));
    }

    public List<String> owners() {
        return jdbi.withExtension(SessionDao.class, SessionDao::owners);
    }

    /** @param costUsd the session's priced cost, null when it has no usage or an unpriced model */
    Session toSession(SessionRow row, Double costUsd) {
        Map<String, Object> meta = MetaJson.parse(mapper, row.metaJson());
        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens());
        return new Session(row.owner(), row.tool(), row.host(), row.sessionId(), title(meta, row.firstUserText()),
                row.startedAt(), row.lastActivityAt(), row.turnCount(), usage.isEmpty() ? null : usage, meta,
                row.createdAt(), row.updatedAt(), row.project(),
                row.parentSessionId() == null ? null
                        : new SessionParent(row.tool(), row.host(), row.parentSessionId(), row.parentTurnId()),
                row.subagentCount() > 0 ? row.subagentCount() : null, costUsd);
    }

    private Turn toTurn(Session session, TurnRow row, List<AttachmentRow> attachments, String content) {
        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens());
        ToolCall call = row.toolCallId() == null ? null
                : new ToolCall(row.toolCallId(), row.toolCallName(), toolInput(row.toolCallInput()));
        ToolResult result = row.toolResultCallId() == null ? null
                : new ToolResult(row.toolResultCallId(), row.toolResultIsError());
        List<StoredAttachment> stored = attachments.isEmpty() ? null : attachments.stream()
                .map(a -> new StoredAttachment(a.position(), a.mediaType(), a.name(), a.byteCount(),
                        AttachmentUrls.of(session.tool(), session.host(), session.sessionId(), row.turnId(), a.position())))
                .toList();
        return new Turn(row.turnId(), row.seq(), row.role(), row.timestamp(), content, row.model(),
                usage.isEmpty() ? null : usage, row.kind(), row.toolName(), call, result, stored);
    }

    /** The stored input text back as the object it was; decimals stay BigDecimal so they are written as sent. */
    private Map<String, Object> toolInput(String json) {
        if (json == null) {
            return null;
        }
        try {
            return toolInputReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A collector's own title wins; otherwise the opening words of the first user turn, on one line,
     * without markup tags.
     */
    public static String title(Map<String, Object> meta, String firstUserText) {
        return title(meta.get("title") instanceof String text ? text : null, firstUserText);
    }

    /** The same from the meta's {@code title} alone (null when the meta has none, or none as a string). */
    public static String title(String given, String firstUserText) {
        String source;
        if (given != null && !given.isBlank()) {
            source = given;
        } else if (firstUserText != null) {
            source = firstUserText.indexOf('<') < 0 ? firstUserText : MARKUP_TAG.matcher(firstUserText).replaceAll(" ");
        } else {
            return null;
        }
        String oneLine = oneLine(source, TITLE_LENGTH);
        if (oneLine.isEmpty()) {
            return null;
        }
        if (oneLine.length() <= TITLE_LENGTH) {
            return oneLine;
        }
        int cut = TITLE_LENGTH;
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--;
        }
        return oneLine.substring(0, cut) + "…";
    }

    /**
     * The text with every run of ASCII whitespace (regex {@code \\s}) as one space, stripped, as far as it is
     * needed: once more than {@code limit} characters are out and the last is not whitespace, the rest cannot
     * change them, and the answer is that prefix (a first message can be a pasted file; a page makes 50 titles).
     * Whitespace at either end is what {@link String#strip()} removes.
     */
    static String oneLine(String text, int limit) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length() - start, limit + 1));
        boolean inRun = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                out.append(c);
                if (out.length() > limit && !Character.isWhitespace(c)) {
                    return out.toString();
                }
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString().stripTrailing();
    }

}
