package lethe.importer;

import lethe.api.DeletedSession;
import lethe.api.TurnEvent;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sessions {@code --skip-deleted} leaves out of an import: those their owner deleted for good on the
 * server ({@code GET /api/v1/deleted-sessions}), so that a re-import does not bring them back. The server
 * keeps only their keys, and forgets a key once the session is sent again. The list is fetched again
 * before every pass, so {@code --follow} also respects a deletion made while it runs.
 */
public final class DeletedSessions {

    /** Where the list comes from: the server, through {@code LetheClient#deletedSessions}. */
    @FunctionalInterface
    public interface Source {
        List<DeletedSession> fetch() throws IOException;
    }

    private static final DeletedSessions NONE = new DeletedSessions(List::of);

    private final Source source;
    private Set<Key> keys = Set.of();

    private DeletedSessions(Source source) {
        this.source = source;
    }

    /** Leaves nothing out: the default, without {@code --skip-deleted}. */
    public static DeletedSessions none() {
        return NONE;
    }

    public static DeletedSessions from(Source source) {
        return new DeletedSessions(Objects.requireNonNull(source, "source"));
    }

    /** Fetches the list again; returns how many sessions it holds. */
    public int refresh() throws IOException {
        if (this == NONE) {
            return 0;
        }
        Set<Key> fresh = new HashSet<>();
        for (DeletedSession deleted : source.fetch()) {
            fresh.add(new Key(deleted.tool(), deleted.host(), deleted.sessionId()));
        }
        keys = Set.copyOf(fresh);
        return keys.size();
    }

    /** Whether the turn belongs to a deleted session, and so is left out. */
    public boolean skips(TurnEvent turn) {
        return !keys.isEmpty() && keys.contains(new Key(turn.tool(), turn.host(), turn.sessionId()));
    }

    private record Key(String tool, String host, String sessionId) {
    }
}
