package lethe.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionPage;
import lethe.api.SessionParent;
import lethe.api.StoredAttachment;
import lethe.api.Subagent;
import lethe.api.ToolCall;
import lethe.api.ToolResult;
import lethe.api.Turn;
import lethe.api.Usage;
import lethe.json.MetaJson;
import lethe.ui.data.Facets;
import lethe.usage.UsageService;
import org.jdbi.v3.core.Jdbi;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads sessions for the API and the pages, always scoped to an owner the caller may see. */
public class SessionService {

    static final int TITLE_LENGTH = 120;
    /** Assistants wrap slash commands in tags ({@code <command-name>/init</command-name>}): a title shows the words. */
    private static final Pattern MARKUP_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9_-]{0,63}>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final UsageService costs;
    private final ObjectReader toolInputReader;

    public SessionService(Jdbi jdbi, ObjectMapper mapper, UsageService usage) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.costs = usage;
        this.toolInputReader = mapper.readerFor(new TypeReference<Map<String, Object>>() { })
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public SessionPage list(SessionQuery query) {
        List<SessionRow> rows = jdbi.withExtension(SessionDao.class, dao -> query.allOwners()
                ? dao.listAll(query.tool(), query.host(), query.project(), query.excludeSubagents(),
                        query.since(), query.until(), query.limit(), query.offset())
                : dao.listForOwner(query.owner(), query.tool(), query.host(), query.project(), query.excludeSubagents(),
                        query.since(), query.until(), query.limit(), query.offset()));
        Map<Long, Double> costs = this.costs.sessionCosts(rows.stream().map(SessionRow::id).toList());
        return new SessionPage(rows.stream().map(row -> toSession(row, costs.get(row.id()))).toList(),
                query.limit(), query.offset());
    }

    /** A session with its turns (attachments listed by URL) and the sub-agent runs it spawned. */
    public Optional<SessionDetail> find(String owner, String tool, String host, String sessionId) {
        return jdbi.withHandle(handle -> {
            SessionDao dao = handle.attach(SessionDao.class);
            return dao.find(owner, tool, host, sessionId).map(row -> {
                Map<Long, List<AttachmentRow>> attachments = dao.attachments(row.id()).stream()
                        .collect(Collectors.groupingBy(AttachmentRow::turnPk));
                List<Turn> turns = dao.turns(row.id()).stream()
                        .map(turn -> toTurn(row, turn, attachments.getOrDefault(turn.id(), List.of()))).toList();
                List<Subagent> subagents = dao.subagents(owner, tool, host, sessionId).stream()
                        .map(run -> new Subagent(run.sessionId(), title(MetaJson.parse(mapper, run.metaJson()),
                                run.firstUserText()), run.parentTurnId(), run.turnCount()))
                        .toList();
                return new SessionDetail(toSession(row, costs.sessionCosts(List.of(row.id())).get(row.id())),
                        turns, subagents);
            });
        });
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

    private Turn toTurn(SessionRow session, TurnRow row, List<AttachmentRow> attachments) {
        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens());
        ToolCall call = row.toolCallId() == null ? null
                : new ToolCall(row.toolCallId(), row.toolCallName(), toolInput(row.toolCallInput()));
        ToolResult result = row.toolResultCallId() == null ? null
                : new ToolResult(row.toolResultCallId(), row.toolResultIsError());
        List<StoredAttachment> stored = attachments.isEmpty() ? null : attachments.stream()
                .map(a -> new StoredAttachment(a.position(), a.mediaType(), a.name(), a.byteCount(),
                        AttachmentUrls.of(session.tool(), session.host(), session.sessionId(), row.turnId(), a.position())))
                .toList();
        return new Turn(row.turnId(), row.seq(), row.role(), row.timestamp(), row.content(), row.model(),
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
        Object given = meta.get("title");
        String source;
        if (given instanceof String text && !text.isBlank()) {
            source = text;
        } else if (firstUserText != null) {
            source = firstUserText.indexOf('<') < 0 ? firstUserText : MARKUP_TAG.matcher(firstUserText).replaceAll(" ");
        } else {
            return null;
        }
        String oneLine = WHITESPACE.matcher(source).replaceAll(" ").strip();
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

}
