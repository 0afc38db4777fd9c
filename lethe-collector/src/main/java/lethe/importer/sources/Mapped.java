package lethe.importer.sources;

import lethe.api.TurnEvent;

import java.util.List;

/**
 * What became of one record of an assistant's files (a line, a message, a part): turns to send, or a named
 * reason why nothing was sent ({@code skipped}), or why the record could not be read ({@code malformed}).
 */
public record Mapped(List<TurnEvent> turns, String skipped, String malformed) {

    public static Mapped turns(List<TurnEvent> turns) {
        return new Mapped(List.copyOf(turns), null, null);
    }

    public static Mapped turn(TurnEvent turn) {
        return new Mapped(List.of(turn), null, null);
    }

    public static Mapped skipped(String reason) {
        return new Mapped(List.of(), reason, null);
    }

    public static Mapped malformed(String reason) {
        return new Mapped(List.of(), null, reason);
    }
}
