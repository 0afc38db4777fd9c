package lethe.files;

/** One path one turn (by its session and turn id) read ({@code changed} false) or changed. */
public record TurnFile(long sessionPk, String turnId, String path, String pathReversed, boolean changed) {

    public static TurnFile of(long sessionPk, String turnId, String path, boolean changed) {
        return new TurnFile(sessionPk, turnId, path, FileFilter.reverse(path), changed);
    }
}
