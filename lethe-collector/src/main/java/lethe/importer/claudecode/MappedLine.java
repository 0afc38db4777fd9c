package lethe.importer.claudecode;

import lethe.api.TurnEvent;

import java.util.List;

/**
 * What became of one transcript line: turns to send, a title for the session holding another turn, or a
 * named reason why nothing was sent.
 */
public record MappedLine(Outcome outcome, List<TurnEvent> turns, String reason, PendingTitle title) {

    public enum Outcome {
        /** Conversation: one turn per content block. */
        TURNS,
        /**
         * A title: from a {@code summary} line, for the session that holds its leaf turn; from an
         * {@code ai-title} or {@code custom-title} line, sent with its session's latest turn.
         */
        TITLE,
        /** Not conversation (file-history snapshots, queue operations, unknown types): counted by reason. */
        SKIPPED,
        /** Not readable as a transcript line; reported with file and line number. */
        MALFORMED
    }

    static MappedLine turns(List<TurnEvent> turns) {
        return new MappedLine(Outcome.TURNS, List.copyOf(turns), null, null);
    }

    static MappedLine title(PendingTitle title) {
        return new MappedLine(Outcome.TITLE, List.of(), null, title);
    }

    /** A session title read on this line, sent at once with the session's latest turn (sent again unchanged). */
    static MappedLine titled(TurnEvent carrier) {
        return new MappedLine(Outcome.TITLE, List.of(carrier), null, null);
    }

    static MappedLine skipped(String reason) {
        return new MappedLine(Outcome.SKIPPED, List.of(), reason, null);
    }

    static MappedLine malformed(String reason) {
        return new MappedLine(Outcome.MALFORMED, List.of(), reason, null);
    }
}
