package lethe.importer.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sub-agent runs a session started (its {@code Task} calls, named {@code Agent} since Claude Code 2.1),
 * so that each run can be linked to the call that spawned it: {@code parent_turn_id} is that call's turn.
 *
 * <p>A run is matched to its call by the strongest evidence there is: the run's agent id named in the call's
 * result ({@code toolUseResult.agentId}, or an {@code agentId: …} line of the result text), else the prompt
 * the run starts with, else the description its {@code .meta.json} repeats. A run nothing matches (the
 * "Warmup" runs Claude Code 2.0 starts on its own) is still linked to its session, without a turn.
 */
final class Spawns {

    /** One spawning call: the turn it became and what it asked for. */
    record Spawn(String turnId, String callId, String prompt, String description, String agentType) {
    }

    private static final Pattern AGENT_ID_LINE = Pattern.compile("(?m)^\\s*agentId:\\s*([A-Za-z0-9_-]+)");
    private static final Pattern TEAMMATE_WRAPPER = Pattern.compile("(?s)^\\s*<teammate-message[^>]*>(.*?)(</teammate-message>.*)?$");
    private static final int CACHED_FILES = 16;

    private final ObjectMapper json;
    private final Map<Path, Scanned> scanned = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Scanned> eldest) {
            return size() > CACHED_FILES;
        }
    };

    Spawns(ObjectMapper json) {
        this.json = json;
    }

    static boolean isSpawningTool(String name) {
        return name.equals("Task") || name.equals("Agent");
    }

    /** The spawning call of a tool_use block, or null when the block spawns nothing. */
    static Spawn spawn(String turnId, JsonNode block) {
        if (!isSpawningTool(block.path("name").asText(""))) {
            return null;
        }
        JsonNode input = block.path("input");
        return new Spawn(turnId, block.path("id").asText(null), text(input, "prompt"), text(input, "description"),
                text(input, "subagent_type"));
    }

    /** The agent id a tool result names, or null. */
    static String agentIdOf(JsonNode userLine, JsonNode resultBlock) {
        JsonNode structured = userLine.path("toolUseResult").path("agentId");
        if (structured.isTextual()) {
            return structured.textValue();
        }
        JsonNode content = resultBlock.path("content");
        StringBuilder text = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.textValue());
        } else {
            content.forEach(part -> text.append(part.path("text").asText("")).append('\n'));
        }
        Matcher matcher = AGENT_ID_LINE.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The call among {@code spawns} that started a run: by the agent id its result named, else by the prompt
     * the run began with, else by the description.
     */
    static Spawn match(List<Spawn> spawns, Map<String, String> callIdByAgentId, String agentId, String firstPrompt,
                       String description) {
        String callId = agentId == null ? null : callIdByAgentId.get(agentId);
        if (callId != null) {
            for (Spawn spawn : spawns) {
                if (callId.equals(spawn.callId())) {
                    return spawn;
                }
            }
        }
        String prompt = unwrap(firstPrompt);
        if (prompt != null) {
            for (Spawn spawn : spawns) {
                if (spawn.prompt() != null && (spawn.prompt().strip().equals(prompt)
                        || (spawn.prompt().strip().length() >= 20 && prompt.contains(spawn.prompt().strip())))) {
                    return spawn;
                }
            }
        }
        if (description != null) {
            for (Spawn spawn : spawns) {
                if (description.equals(spawn.description())) {
                    return spawn;
                }
            }
        }
        return null;
    }

    /** A teammate's first message is the prompt inside a {@code <teammate-message>} wrapper. */
    private static String unwrap(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return null;
        }
        Matcher wrapper = TEAMMATE_WRAPPER.matcher(prompt);
        return (wrapper.matches() ? wrapper.group(1) : prompt).strip();
    }

    /** The calls and agent ids of a main session file, read once while it stays unchanged. */
    Scanned of(Path sessionFile) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(sessionFile, BasicFileAttributes.class);
        } catch (IOException absent) {
            return Scanned.NONE;
        }
        Scanned known = scanned.get(sessionFile);
        if (known != null && known.size == attributes.size()
                && known.modifiedMs == attributes.lastModifiedTime().toMillis()) {
            return known;
        }
        Scanned read = read(sessionFile, attributes);
        scanned.put(sessionFile, read);
        return read;
    }

    private Scanned read(Path file, BasicFileAttributes attributes) {
        List<Spawn> spawns = new ArrayList<>();
        Map<String, String> callIdByAgentId = new HashMap<>();
        try (var lines = Files.lines(file)) {
            lines.forEach(text -> {
                JsonNode line;
                try {
                    line = json.readTree(text);
                } catch (IOException notJson) {
                    return;
                }
                if (line == null || !line.isObject()) {
                    return;
                }
                JsonNode content = line.path("message").path("content");
                String uuid = line.path("uuid").asText("");
                if (!content.isArray() || uuid.isEmpty()) {
                    return;
                }
                int index = 0;
                for (JsonNode block : content) {
                    String type = block.path("type").asText("");
                    if (type.equals("tool_use")) {
                        Spawn spawn = spawn(index == 0 ? uuid : uuid + "#" + index, block);
                        if (spawn != null) {
                            spawns.add(spawn);
                        }
                    } else if (type.equals("tool_result") && block.path("tool_use_id").isTextual()) {
                        String agentId = agentIdOf(line, block);
                        if (agentId != null) {
                            callIdByAgentId.put(agentId, block.path("tool_use_id").textValue());
                        }
                    }
                    index++;
                }
            });
        } catch (IOException | UncheckedIOException unreadable) {
            return Scanned.NONE;
        }
        return new Scanned(attributes.size(), attributes.lastModifiedTime().toMillis(), List.copyOf(spawns),
                Map.copyOf(callIdByAgentId));
    }

    record Scanned(long size, long modifiedMs, List<Spawn> spawns, Map<String, String> callIdByAgentId) {
        static final Scanned NONE = new Scanned(-1, -1, List.of(), Map.of());

        Scanned {
            Objects.requireNonNull(spawns);
        }
    }

    /** What a sub-agent file's {@code agent-<id>.meta.json} says (Claude Code 2.1): its type and description. */
    record AgentMeta(String agentType, String description) {
        static final AgentMeta NONE = new AgentMeta(null, null);
    }

    AgentMeta meta(Path agentFile) {
        String name = agentFile.getFileName().toString();
        Path metaFile = agentFile.resolveSibling(name.substring(0, name.length() - ".jsonl".length()) + ".meta.json");
        if (!Files.isRegularFile(metaFile)) {
            return AgentMeta.NONE;
        }
        try {
            JsonNode meta = json.readTree(metaFile.toFile());
            return new AgentMeta(text(meta, "agentType"), text(meta, "description"));
        } catch (IOException unreadable) {
            return AgentMeta.NONE;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
