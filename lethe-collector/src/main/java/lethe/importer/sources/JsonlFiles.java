package lethe.importer.sources;

import lethe.importer.ImportReport;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Finds an assistant's files under its directories, in a stable order; an unreadable directory is reported. */
public final class JsonlFiles {

    private JsonlFiles() {
    }

    public static List<Path> find(List<Path> roots, Predicate<Path> wanted, ImportReport report) throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            if (Files.isRegularFile(absolute)) {
                found.add(absolute);
                continue;
            }
            if (!Files.isDirectory(absolute)) {
                continue;
            }
            Files.walkFileTree(absolute, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && wanted.test(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    report.problem("cannot read " + file + ": " + failure.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        List<Path> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Path::toString));
        return sorted;
    }
}
