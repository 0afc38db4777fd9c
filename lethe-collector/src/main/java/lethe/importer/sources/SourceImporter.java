package lethe.importer.sources;

import lethe.importer.ImportReport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One assistant's importer: each pass sends what is new since the last acknowledged one. */
public interface SourceImporter extends Closeable {

    /** The source's name on the command line and in the summary ({@code codex}, {@code gemini}, …). */
    String source();

    /** The directories and files this importer reads, as shown to people. */
    List<Path> scanned();

    ImportReport pass() throws IOException;
}
