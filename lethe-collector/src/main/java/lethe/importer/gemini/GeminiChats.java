package lethe.importer.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lethe.api.TurnEvent;
import lethe.importer.FileTally;
import lethe.importer.ImportReport;
import lethe.importer.sources.JsonlFiles;
import lethe.importer.sources.Labels;
import lethe.importer.sources.Unit;
import lethe.importer.sources.UnitImporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI's chat files: {@code ~/.gemini/tmp/<project>/chats/session-*.json} and {@code .jsonl}, and a
 * sub-agent's {@code chats/<parent session>/<session>.jsonl}. {@code <project>} is a short id that
 * {@code ~/.gemini/projects.json} maps from the project directory (older versions used the SHA-256 of the
 * directory, which is matched too); {@code $GEMINI_CLI_HOME} replaces the home directory, as in Gemini CLI.
 */
public final class GeminiChats implements UnitImporter.Units {

    public static final String SOURCE = "gemini";

    private final List<Path> roots;
    private final Path home;
    private final GeminiMapper mapper;
    private final Map<String, String> projects;

    public GeminiChats(List<Path> roots, Path geminiDir, Path home, GeminiMapper mapper, ObjectMapper json) {
        this.roots = List.copyOf(roots);
        this.home = home;
        this.mapper = mapper;
        this.projects = projects(geminiDir == null ? null : geminiDir.resolve("projects.json"), json);
    }

    /** Gemini CLI's own directory: {@code $GEMINI_CLI_HOME/.gemini}, else {@code ~/.gemini}. */
    public static Path geminiDir(Map<String, String> environment, Path home) {
        String override = environment.get("GEMINI_CLI_HOME");
        return (override != null && !override.isBlank() ? Path.of(override) : home).resolve(".gemini");
    }

    public static List<Path> defaultRoots(Map<String, String> environment, Path home) {
        return List.of(geminiDir(environment, home).resolve("tmp"));
    }

    @Override
    public List<Unit> find(ImportReport report) throws IOException {
        List<Unit> units = new ArrayList<>();
        for (Path file : JsonlFiles.find(roots, GeminiChats::isChat, report)) {
            units.add(new ChatFile(file));
        }
        return units;
    }

    /** A chat file: {@code session-*.json(l)}, or any {@code .jsonl} in a {@code chats} directory's sub-directory. */
    static boolean isChat(Path file) {
        String name = file.getFileName().toString();
        boolean json = name.endsWith(".json") || name.endsWith(".jsonl");
        Path parent = file.getParent();
        boolean inChats = parent != null && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("chats") && name.endsWith(".jsonl");
        return json && (name.startsWith("session-") || inChats);
    }

    private final class ChatFile implements Unit {

        private final Path path;
        private final String label;

        ChatFile(Path path) {
            this.path = path;
            this.label = Labels.of(path, home);
        }

        @Override
        public String key() {
            return path.toString();
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String stamp() throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
        }

        @Override
        public List<TurnEvent> turns(FileTally tally) throws IOException {
            byte[] content = Files.readAllBytes(path);
            String name = path.getFileName().toString();
            return mapper.map(content, name.endsWith(".jsonl"), place(), tally);
        }

        private GeminiMapper.Place place() {
            Path chats = path.getParent();
            String parentSession = null;
            if (chats != null && !chats.getFileName().toString().equals("chats")) {
                parentSession = chats.getFileName().toString();
                chats = chats.getParent();
            }
            Path projectDir = chats == null ? null : chats.getParent();
            String projectId = projectDir == null || projectDir.getFileName() == null ? null : projectDir.getFileName().toString();
            String name = path.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            return new GeminiMapper.Place(label, projectId == null ? null : projects.get(projectId), projectId,
                    parentSession, stem);
        }
    }

    /**
     * The project directories {@code projects.json} knows, by the id of their {@code tmp} directory: the id it
     * gives them, and the SHA-256 of the directory (the older name).
     */
    private static Map<String, String> projects(Path file, ObjectMapper json) {
        Map<String, String> byId = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return byId;
        }
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException unreadable) {
            return byId;
        }
        JsonNode projects = root != null && root.path("projects").isObject() ? root.path("projects") : root;
        if (projects == null || !projects.isObject()) {
            return byId;
        }
        projects.properties().forEach(entry -> {
            String directory = entry.getKey();
            if (entry.getValue().isTextual()) {
                byId.put(entry.getValue().textValue(), directory);
            }
            byId.put(sha256(directory), directory);
        });
        return byId;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
