package lethe.importer.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;
import lethe.importer.FileTally;
import lethe.importer.ImportReport;
import lethe.importer.sources.Labels;
import lethe.importer.sources.Unit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * opencode's legacy JSON tree ({@code storage/session/<project>/<session>.json},
 * {@code storage/message/<session>/<message>.json}, {@code storage/part/<message>/<part>.json}), which
 * opencode before 1.2 writes and later versions migrate into the database. A session is a unit whose stamp
 * is made of the size, count and latest modification time of its files.
 */
final class OpencodeStorage {

    private final Path storage;
    private final Path home;
    private final ObjectMapper json;
    private final OpencodeMapper mapper;

    OpencodeStorage(Path storage, Path home, ObjectMapper json, OpencodeMapper mapper) {
        this.storage = storage;
        this.home = home;
        this.json = json;
        this.mapper = mapper;
    }

    /** The sessions of the tree, leaving out those the database holds ({@code inDatabase}): it has them too, newer. */
    List<Unit> units(ImportReport report, Set<String> inDatabase) throws IOException {
        List<Unit> units = new ArrayList<>();
        Path sessions = storage.resolve("session");
        if (!Files.isDirectory(sessions)) {
            return units;
        }
        for (Path project : sorted(sessions)) {
            if (!Files.isDirectory(project)) {
                continue;
            }
            for (Path file : sorted(project)) {
                if (!file.getFileName().toString().endsWith(".json")) {
                    continue;
                }
                JsonNode session = read(file);
                if (session == null || !session.path("id").isTextual()) {
                    report.problem("cannot read the opencode session " + Labels.of(file, home));
                    continue;
                }
                if (!inDatabase.contains(session.path("id").textValue())) {
                    units.add(new SessionUnit(file, session));
                }
            }
        }
        return units;
    }

    private final class SessionUnit implements Unit {

        private final Path file;
        private final JsonNode session;
        private final String id;

        SessionUnit(Path file, JsonNode session) {
            this.file = file;
            this.session = session;
            this.id = session.path("id").textValue();
        }

        @Override
        public String key() {
            return "storage:" + id;
        }

        @Override
        public String label() {
            return Labels.of(file, home);
        }

        @Override
        public String stamp() throws IOException {
            long[] stamp = {0, 0, 0};
            add(stamp, file);
            for (Path message : messageFiles()) {
                add(stamp, message);
                Path parts = storage.resolve("part").resolve(stem(message));
                if (Files.isDirectory(parts)) {
                    for (Path part : sorted(parts)) {
                        add(stamp, part);
                    }
                }
            }
            return stamp[0] + ":" + stamp[1] + ":" + stamp[2];
        }

        private void add(long[] stamp, Path path) throws IOException {
            stamp[0]++;
            stamp[1] += Files.size(path);
            stamp[2] = Math.max(stamp[2], Files.getLastModifiedTime(path).toMillis());
        }

        private List<Path> messageFiles() throws IOException {
            Path messages = storage.resolve("message").resolve(id);
            if (!Files.isDirectory(messages)) {
                return List.of();
            }
            return sorted(messages).stream().filter(path -> path.getFileName().toString().endsWith(".json")).toList();
        }

        @Override
        public List<TurnEvent> turns(FileTally tally) throws IOException {
            List<OpencodeSession.Message> messages = new ArrayList<>();
            for (Path path : messageFiles()) {
                JsonNode info = read(path);
                if (info == null || !info.isObject()) {
                    tally.malformed(0, Labels.of(path, home) + ": not a JSON object");
                    continue;
                }
                String messageId = info.path("id").asText(stem(path));
                List<OpencodeSession.Part> parts = new ArrayList<>();
                Path partDir = storage.resolve("part").resolve(messageId);
                if (Files.isDirectory(partDir)) {
                    for (Path partFile : sorted(partDir)) {
                        JsonNode part = read(partFile);
                        if (part == null || !part.isObject()) {
                            tally.malformed(0, Labels.of(partFile, home) + ": not a JSON object");
                        } else {
                            parts.add(new OpencodeSession.Part(part.path("id").asText(stem(partFile)), part));
                        }
                    }
                }
                parts.sort(Comparator.comparing(OpencodeSession.Part::id));
                messages.add(new OpencodeSession.Message(messageId, info, parts));
            }
            messages.sort(Comparator.comparingDouble((OpencodeSession.Message message) ->
                    message.info().path("time").path("created").asDouble(0)).thenComparing(OpencodeSession.Message::id));
            JsonNode parent = session.path("parentID");
            OpencodeSession read = new OpencodeSession(id, parent.isTextual() ? parent.textValue() : null,
                    session.path("directory").asText(null), session.path("title").asText(null),
                    session.path("version").asText(null), session.path("time").path("created").asDouble(0) / 1000,
                    Labels.of(file, home), messages);
            return mapper.map(read, tally);
        }
    }

    private JsonNode read(Path path) {
        try {
            return json.readTree(path.toFile());
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    private static List<Path> sorted(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(Path::toString));
        return entries;
    }
}
