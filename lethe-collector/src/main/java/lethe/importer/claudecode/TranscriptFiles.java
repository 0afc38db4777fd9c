package lethe.importer.claudecode;

import lethe.importer.ImportReport;
import lethe.importer.sources.JsonlFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds the {@code *.jsonl} transcripts under the import roots, in a stable order. */
final class TranscriptFiles {

    private TranscriptFiles() {
    }

    static List<TranscriptFile> find(List<Path> roots, ImportReport report) throws IOException {
        return JsonlFiles.find(roots, file -> file.getFileName().toString().endsWith(".jsonl"), report).stream()
                .map(TranscriptFile::of).toList();
    }
}
