package lethe.importer.sources;

import lethe.api.TurnEvent;
import lethe.importer.FileTally;

import java.io.IOException;
import java.util.List;

/**
 * A piece of an assistant's history that is read whole: a chat file, a session of a database. Its stamp
 * changes whenever its content may have (size and modification time, the latest row time…).
 */
public interface Unit {

    /** Identifies the unit in the state across runs. */
    String key();

    /** Where it is, as shown to people. */
    String label();

    String stamp() throws IOException;

    /**
     * Reads the unit and maps it to turns in session order, counting each record in {@code tally}.
     *
     * @throws Unreadable when the unit cannot be read as a whole now (a file half-written): it is tried
     *                    again once its stamp changes
     */
    List<TurnEvent> turns(FileTally tally) throws IOException;

    /** The unit as a whole could not be read; nothing of it is sent. */
    final class Unreadable extends IOException {
        public Unreadable(String reason) {
            super(reason);
        }
    }
}
