package lethe.importer.sources;

import java.nio.file.Path;

/** Paths as people write them: under the home directory as {@code ~/…}. */
public final class Labels {

    private Labels() {
    }

    public static String of(Path path, Path home) {
        Path absolute = path.toAbsolutePath().normalize();
        if (home != null && absolute.startsWith(home) && !absolute.equals(home)) {
            return "~/" + home.relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toString();
    }
}
