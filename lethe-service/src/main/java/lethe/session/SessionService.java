package lethe.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.SessionPage;
import lethe.api.Turn;
import lethe.api.Usage;
import lethe.json.MetaJson;
import lethe.ui.data.Facets;
import lethe.usage.UsageService;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads sessions for the API and the pages, always scoped to an owner the caller may see. */
public class SessionService {

    static final int TITLE_LENGTH = 120;
    /** Assistants wrap slash commands in tags ({@code <command-name>/init</command-name>}): a title shows the words. */
    private static final Pattern MARKUP_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9_-]{0,63}>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final UsageService costs;

    public SessionService(Jdbi jdbi, ObjectMapper mapper, UsageService usage) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.costs = usage;
    }

    public SessionPage list(SessionQuery query) {
        List<SessionRow> rows = jdbi.withExtension(SessionDao.class, dao -> query.allOwners()
                ? dao.listAll(query.tool(), query.host(), query.since(), query.until(), query.limit(), query.offset())
                : dao.listForOwner(query.owner(), query.tool(), query.host(), query.since(), query.until(),
                        query.limit(), query.offset()));
        return new SessionPage(rows.stream().map(this::toSession).toList(), query.limit(), query.offset());
    }

    public Optional<SessionDetail> find(String owner, String tool, String host, String sessionId) {
        return jdbi.withExtension(SessionDao.class, dao -> dao.find(owner, tool, host, sessionId)
                .map(row -> new SessionDetail(toSession(row), dao.turns(row.id()).stream().map(SessionService::toTurn).toList(),
                        List.of())));
    }

    /** The distinct tools and hosts of one owner's sessions (everyone's when {@code owner} is null). */
    public Facets facets(String owner) {
        return jdbi.withExtension(SessionDao.class, dao -> new Facets(dao.tools(owner), dao.hosts(owner)));
    }

    public List<String> owners() {
        return jdbi.withExtension(SessionDao.class, SessionDao::owners);
    }

    Session toSession(SessionRow row) {
        Map<String, Object> meta = MetaJson.parse(mapper, row.metaJson());
        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens());
        return new Session(row.owner(), row.tool(), row.host(), row.sessionId(), title(meta, row.firstUserText()),
                row.startedAt(), row.lastActivityAt(), row.turnCount(), usage.isEmpty() ? null : usage, meta,
                row.createdAt(), row.updatedAt(), null, null, null, costs.sessionCost(row.id()));
    }

    private static Turn toTurn(TurnRow row) {
        Usage usage = new Usage(row.inputTokens(), row.outputTokens(), row.cacheReadTokens(), row.cacheWriteTokens());
        return new Turn(row.turnId(), row.seq(), row.role(), row.timestamp(), row.content(), row.model(),
                usage.isEmpty() ? null : usage, row.kind(), row.toolName(), null, null, null);
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
