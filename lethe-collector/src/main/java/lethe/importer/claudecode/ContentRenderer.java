package lethe.importer.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import lethe.api.Attachment;
import lethe.api.WireRules;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Claude Code content blocks into the parts of a v2 turn: a tool call's input object and one-line
 * summary, a tool's output exactly as it was, images as attachments (or, when lethe would refuse them, a
 * placeholder that says why).
 */
final class ContentRenderer {

    /** Strings this long made only of base64 characters are attachments, not text anyone reads. */
    private static final int BASE64_MIN_LENGTH = 1024;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int SUMMARY_MAX = 200;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ObjectWriter pretty;
    private final long maxAttachmentBytes;

    ContentRenderer(ObjectMapper json, long maxAttachmentBytes) {
        this.json = json;
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        this.pretty = json.writer(printer);
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /**
     * A tool call's input as the object the model sent. Claude's tool inputs are always objects; anything
     * else (never seen) is kept whole under {@code input} so the wire's "an object" rule holds.
     */
    Map<String, Object> toolInput(JsonNode input) {
        if (input == null || input.isMissingNode() || input.isNull()) {
            return Map.of();
        }
        if (input.isObject()) {
            return json.convertValue(input, MAP);
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("input", json.convertValue(input, Object.class));
        return wrapped;
    }

    /**
     * One line saying what a call does, for search and for readers that do not know {@code tool_call}:
     * the path for file tools, {@code $ command} for the shell, the pattern for searches, the description
     * of a sub-agent task; otherwise the tool's name and its first short text argument.
     */
    String toolSummary(String name, JsonNode input) {
        String base = name.contains("__") ? name.substring(name.lastIndexOf("__") + 2) : name;
        String summary = switch (base) {
            case "Bash", "bash", "shell", "local_shell" -> text(input, "command") == null ? name : "$ " + text(input, "command");
            case "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "NotebookRead" ->
                    join(name, first(input, "file_path", "notebook_path", "path"));
            case "Grep" -> join(name, join(text(input, "pattern"), inPath(input)));
            case "Glob" -> join(name, join(text(input, "pattern"), inPath(input)));
            case "LS" -> join(name, text(input, "path"));
            case "WebFetch" -> join(name, text(input, "url"));
            case "WebSearch" -> join(name, text(input, "query"));
            case "Task", "Agent" -> join(name, first(input, "description", "prompt"));
            case "TodoWrite" -> input.path("todos").isArray()
                    ? name + " " + input.path("todos").size() + " items" : name;
            default -> join(name, first(input, "description", "file_path", "path", "command", "pattern", "query",
                    "url", "prompt", "name", "subject"));
        };
        return oneLine(summary);
    }

    private static String inPath(JsonNode input) {
        String path = text(input, "path");
        return path == null ? null : "in " + path;
    }

    private static String first(JsonNode input, String... fields) {
        for (String field : fields) {
            String value = text(input, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input == null ? null : input.path(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    private static String oneLine(String text) {
        String line = WHITESPACE.matcher(text == null ? "" : text.strip()).replaceAll(" ");
        return line.length() <= SUMMARY_MAX ? line : line.substring(0, SUMMARY_MAX - 1) + "…";
    }

    /** A tool's output: the text exactly as the tool gave it, and the images it returned. */
    record Output(String text, List<Attachment> attachments) {
    }

    /**
     * The output of a {@code tool_result} block: its text exactly (parts of a list joined by newlines),
     * images as attachments, a referenced tool by its name, any other part as its JSON.
     */
    Output toolOutput(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return new Output("", List.of());
        }
        if (content.isTextual()) {
            return new Output(content.textValue(), List.of());
        }
        if (!content.isArray()) {
            return new Output(compactJson(withoutBase64(content)), List.of());
        }
        List<String> texts = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (part.isTextual()) {
                texts.add(part.textValue());
            } else if (type.equals("text")) {
                texts.add(part.path("text").asText(""));
            } else if (type.equals("image")) {
                Image image = image(part.path("source"));
                if (image.attachment() != null) {
                    attachments.add(image.attachment());
                } else {
                    texts.add(image.placeholder());
                }
            } else if (type.equals("tool_reference") && part.path("tool_name").isTextual()) {
                texts.add(part.path("tool_name").textValue());
            } else {
                texts.add(compactJson(withoutBase64(part)));
            }
        }
        return new Output(String.join("\n", texts), List.copyOf(attachments));
    }

    /** An image block's source: an attachment lethe accepts, or a placeholder saying why it is not one. */
    record Image(Attachment attachment, String placeholder) {
    }

    Image image(JsonNode source) {
        String sourceType = source.path("type").asText("");
        if (sourceType.equals("url")) {
            return new Image(null, "[image: " + source.path("url").asText("") + "]");
        }
        String mediaType = source.path("media_type").asText(sourceType.isEmpty() ? "unknown type" : sourceType);
        JsonNode data = source.path("data");
        if (!data.isTextual()) {
            return new Image(null, "[image: " + mediaType + ", no data]");
        }
        String base64 = WHITESPACE.matcher(data.textValue()).replaceAll("");
        long bytes = decodedLength(base64);
        String described = "[image: " + mediaType + ", " + size(bytes);
        if (!WireRules.isAttachmentMediaType(mediaType)) {
            return new Image(null, described + "; not imported: lethe keeps "
                    + String.join(", ", WireRules.attachmentMediaTypes()) + " only]");
        }
        if (bytes > maxAttachmentBytes) {
            return new Image(null, described + "; not imported: larger than the " + size(maxAttachmentBytes)
                    + " lethe accepts for one attachment]");
        }
        return new Image(new Attachment(mediaType, base64, null), described + "]");
    }

    /** {@code [document: application/pdf, 48.2 KB]}: what was attached, without the attachment. */
    String document(JsonNode source) {
        String sourceType = source.path("type").asText("");
        if (sourceType.equals("url")) {
            return "[document: " + source.path("url").asText("") + "]";
        }
        String mediaType = source.path("media_type").asText(sourceType.isEmpty() ? "unknown type" : sourceType);
        JsonNode data = source.path("data");
        return data.isTextual() ? "[document: " + mediaType + ", " + size(decodedLength(data.textValue())) + "]"
                : "[document: " + mediaType + "]";
    }

    /** A block of a type this importer does not know: its type, then its JSON with attachments elided. */
    String unknownBlock(String type, JsonNode block) {
        return "[" + type + "]\n" + fenced(prettyJson(withoutBase64(block)), "json");
    }

    /**
     * Wraps text in a code fence longer than any run of backticks inside it, so that no output can close
     * the fence early (CommonMark's rule) and spill into markdown.
     */
    static String fenced(String text, String language) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String body = text.endsWith("\n") ? text : text + "\n";
        return fence + language + "\n" + body + fence;
    }

    private String prettyJson(JsonNode node) {
        try {
            return pretty.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String compactJson(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode withoutBase64(JsonNode node) {
        if (node.isTextual() && looksLikeBase64(node.textValue())) {
            return TextNode.valueOf("<" + size(decodedLength(node.textValue())) + " of base64 data not imported>");
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), withoutBase64(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(withoutBase64(element)));
            return copy;
        }
        return node;
    }

    private static boolean looksLikeBase64(String text) {
        return text.length() >= BASE64_MIN_LENGTH && BASE64.matcher(text).matches();
    }

    private static long decodedLength(String base64) {
        long chars = 0;
        long padding = 0;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c == '=') {
                padding++;
            } else if (c != '\n' && c != '\r') {
                chars++;
            }
        }
        return (chars + padding) * 3 / 4 - padding;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
