package lethe.importer.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Claude Code content blocks into turn text: markdown that reads well and keeps everything a person
 * needs, without the bulk a store should not hold (base64 images become a one-line placeholder).
 */
final class ContentRenderer {

    /** Strings this long made only of base64 characters are attachments, not text anyone reads. */
    private static final int BASE64_MIN_LENGTH = 1024;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

    private final ObjectWriter pretty;

    ContentRenderer(ObjectMapper json) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        this.pretty = json.writer(printer);
    }

    /** A tool call: the tool's name, then its input as fenced JSON (complete, as the model wrote it). */
    String toolCall(String name, JsonNode input) {
        String json = input == null || input.isMissingNode() ? "{}" : prettyJson(input);
        return name + "\n" + fenced(json, "json");
    }

    /** A tool's output as fenced text, complete; a failed call says so on the first line. */
    String toolResult(JsonNode content, boolean isError) {
        String output = resultText(content);
        return (isError ? "Error:\n" : "") + fenced(output, "");
    }

    private String resultText(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            return prettyJson(withoutBase64(content));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (text.length() > 0) {
                text.append('\n');
            }
            String type = part.path("type").asText("");
            if (part.isTextual()) {
                text.append(part.textValue());
            } else if (type.equals("text")) {
                text.append(part.path("text").asText(""));
            } else if (type.equals("image") || type.equals("document")) {
                text.append(attachment(type, part.path("source")));
            } else {
                text.append(prettyJson(withoutBase64(part)));
            }
        }
        return text.toString();
    }

    /** {@code [image: image/png, 48.2 KB]}: what was attached, without the attachment. */
    String attachment(String type, JsonNode source) {
        String sourceType = source.path("type").asText("");
        if (sourceType.equals("url")) {
            return "[" + type + ": " + source.path("url").asText("") + "]";
        }
        String mediaType = source.path("media_type").asText(sourceType.isEmpty() ? "unknown type" : sourceType);
        JsonNode data = source.path("data");
        if (data.isTextual()) {
            return "[" + type + ": " + mediaType + ", " + size(decodedLength(data.textValue())) + "]";
        }
        return "[" + type + ": " + mediaType + "]";
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
