package lethe.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Matcher;
import lethe.api.Attachment;
import lethe.api.ToolCall;
import lethe.api.TurnEvent;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces the secrets in text by a marker naming the rule that found them, {@code «redacted:rule-id»},
 * which keeps none of the secret's characters.
 *
 * <p>Cost: one case-blind keyword scan of the text (Aho-Corasick, all keywords at once) picks the rules
 * whose keywords it carries; only those run their expression. A few keywords are common words or parts
 * of them ("key", "ey", "sk", "s."): for the rules that have them, lethe-rules.toml says what must follow
 * the keyword in any match ({@link SecretRule#after()}), checked at each occurrence with a tiny anchored
 * expression, and how far a match can reach from it ({@link SecretRule#reach()}), so that the rule's own
 * expression runs only where it can match. Every expression runs in RE2/J, in time linear in the text.
 */
public final class Redactor {

    public static final String MARKER_START = "«redacted:";
    public static final String MARKER_END = "»";

    /** Leaves everything as it is; for {@code redaction.enabled: false}. */
    public static final Redactor OFF = new Redactor(List.of(), Allowlist.NONE);

    private final List<SecretRule> rules;
    private final Allowlist global;
    private final Keywords keywords;
    /** For each keyword, the rules it lets run. */
    private final int[][] rulesByKeyword;
    /** For each rule, its keywords' indexes (for rules with a reach). */
    private final BitSet[] keywordsOfRule;
    /** For each rule, the length of its longest keyword (how far before a keyword's end a window opens). */
    private final int[] longestKeyword;
    private final int[] alwaysRun;

    Redactor(List<SecretRule> rules, Allowlist global) {
        this.rules = List.copyOf(rules);
        this.global = global;
        List<String> words = new ArrayList<>();
        Map<String, List<Integer>> byWord = new LinkedHashMap<>();
        List<Integer> always = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).keywords().isEmpty()) {
                always.add(r);
            }
            for (String word : rules.get(r).keywords()) {
                byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(r);
            }
        }
        words.addAll(byWord.keySet());
        boolean[] positional = new boolean[words.size()];
        keywordsOfRule = new BitSet[rules.size()];
        longestKeyword = rules.stream().mapToInt(rule -> rule.keywords().stream().mapToInt(String::length).max().orElse(0)).toArray();
        for (int r = 0; r < rules.size(); r++) {
            keywordsOfRule[r] = new BitSet(words.size());
            for (String word : rules.get(r).keywords()) {
                int k = words.indexOf(word);
                keywordsOfRule[r].set(k);
                positional[k] |= rules.get(r).reach() > 0 || rules.get(r).after() != null;
            }
        }
        this.keywords = new Keywords(words, positional);
        this.rulesByKeyword = byWord.values().stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        this.alwaysRun = always.stream().mapToInt(Integer::intValue).toArray();
    }

    List<SecretRule> rules() {
        return rules;
    }

    Allowlist global() {
        return global;
    }

    public boolean enabled() {
        return !rules.isEmpty();
    }

    public int ruleCount() {
        return rules.size();
    }

    /** {@code text} with its secrets replaced, counted in {@code tally}; the same instance when none was found. */
    public String redact(String text, RedactionTally tally) {
        if (text == null || text.isEmpty() || rules.isEmpty()) {
            return text;
        }
        BitSet toRun = new BitSet(rules.size());
        Keywords.Hits hits = keywords.find(text);
        BitSet found = hits.found;
        for (int k = found.nextSetBit(0); k >= 0; k = found.nextSetBit(k + 1)) {
            for (int rule : rulesByKeyword[k]) {
                toRun.set(rule);
            }
        }
        for (int rule : alwaysRun) {
            toRun.set(rule);
        }
        List<Span> spans = new ArrayList<>();
        for (int r = toRun.nextSetBit(0); r >= 0; r = toRun.nextSetBit(r + 1)) {
            SecretRule rule = rules.get(r);
            if (!rule.mayMatch(text)) {
                continue;
            }
            java.util.regex.Matcher gate = rule.gate(text);
            if (rule.reach() > 0) {
                collectNear(rule, longestKeyword[r], text, gate, hits.ends(keywordsOfRule[r]), spans);
            } else if (gate == null || anyMayFollow(gate, text, hits.ends(keywordsOfRule[r]))) {
                collect(rule, text, 0, text.length(), spans);
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        return replace(text, spans, tally);
    }

    /**
     * Runs a rule with a reach on the windows of text around its keywords' occurrences (overlapping
     * windows merged): the same findings as over the whole text, since no match reaches further. An
     * occurrence that what follows it rules out ({@link SecretRule#after()}) opens no window.
     */
    private void collectNear(SecretRule rule, int longestKeyword, String text, java.util.regex.Matcher gate, int[] keywordEnds,
                             List<Span> spans) {
        int windowStart = -1;
        int windowEnd = -1;
        for (int end : keywordEnds) {
            int stop = Math.min(text.length(), end + rule.reach());
            // Within the open window already (the common case for a secret's neighbouring keywords): no gate to check.
            if (stop <= windowEnd || !SecretRule.mayFollow(gate, text, end)) {
                continue;
            }
            int start = Math.max(0, end - longestKeyword - rule.reach());
            if (windowStart >= 0 && start <= windowEnd) {
                windowEnd = Math.max(windowEnd, stop);
                continue;
            }
            if (windowStart >= 0) {
                collect(rule, text, windowStart, windowEnd, spans);
            }
            windowStart = start;
            windowEnd = stop;
        }
        if (windowStart >= 0) {
            collect(rule, text, windowStart, windowEnd, spans);
        }
    }

    /** Whether any of the rule's keyword occurrences is followed by what its matches need ({@link SecretRule#after()}). */
    private static boolean anyMayFollow(java.util.regex.Matcher gate, String text, int[] keywordEnds) {
        for (int end : keywordEnds) {
            if (SecretRule.mayFollow(gate, text, end)) {
                return true;
            }
        }
        return false;
    }

    private void collect(SecretRule rule, String text, int from, int to, List<Span> spans) {
        Matcher matcher = rule.regex().matcher(from == 0 && to == text.length() ? text : text.substring(from, to));
        while (matcher.find()) {
            int[] bounds = rule.secretBounds(matcher);
            if (bounds == null) {
                continue;
            }
            bounds[0] += from;
            bounds[1] += from;
            String secret = text.substring(bounds[0], bounds[1]);
            if (secret.contains(MARKER_START) || !rule.randomEnough(secret)) {
                continue;
            }
            Allowlist.Finding finding = new Allowlist.Finding(text, from + matcher.start(), from + matcher.end(), secret);
            if (allowed(rule, finding)) {
                continue;
            }
            spans.add(new Span(bounds[0], bounds[1], rule.id()));
        }
    }

    private boolean allowed(SecretRule rule, Allowlist.Finding finding) {
        if (global.allows(finding)) {
            return true;
        }
        for (Allowlist allowlist : rule.allowlists()) {
            if (allowlist.allows(finding)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Overlapping findings (two rules, one secret) become one marker. A specific rule wins over a
     * {@code generic-} one (the marker then says what the secret is), then the earliest, then the longest.
     */
    private static String replace(String text, List<Span> spans, RedactionTally tally) {
        spans.sort(Comparator.comparing(Span::generic).thenComparingInt(Span::start)
                .thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> kept = new ArrayList<>();
        for (Span span : spans) {
            if (kept.stream().noneMatch(other -> other.start() < span.end() && span.start() < other.end())) {
                kept.add(span);
            }
        }
        kept.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Span span : kept) {
            out.append(text, copied, span.start()).append(MARKER_START).append(span.rule()).append(MARKER_END);
            copied = span.end();
            tally.add(span.rule());
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * The turn with its secrets replaced wherever text can hold one: the content (a tool result's output
     * is its content), a tool call's input values, session meta values and attachment names.
     */
    public TurnEvent redact(TurnEvent event, RedactionTally tally) {
        if (rules.isEmpty()) {
            return event;
        }
        ToolCall call = event.toolCall();
        if (call != null && call.input() != null) {
            call = new ToolCall(call.id(), call.name(), redactMap(call.input(), tally));
        }
        List<Attachment> attachments = event.attachments();
        if (attachments != null) {
            attachments = attachments.stream()
                    .map(a -> a == null || a.name() == null ? a : new Attachment(a.mediaType(), a.data(), redact(a.name(), tally)))
                    .toList();
        }
        return new TurnEvent(event.tool(), event.host(), event.sessionId(), event.turnId(), event.seq(), event.role(),
                event.timestamp(), redact(event.content(), tally),
                event.sessionMeta() == null ? null : redactMap(event.sessionMeta(), tally),
                event.model(), event.usage(), event.kind(), event.toolName(), call, event.toolResult(), attachments);
    }

    /**
     * A JSON text (a tool call's input as stored) with the secrets in its string values replaced, at any
     * depth; the same instance when none was found, so a text without secrets stays byte for byte as it
     * was. Values are redacted in parsed form, never in the JSON text: a marker spliced into the text could
     * break an escape. Keys are kept.
     */
    public String redactJson(String json, RedactionTally tally, ObjectMapper mapper) {
        if (json == null || rules.isEmpty()) {
            return json;
        }
        try {
            JsonNode tree = mapper.readTree(json);
            return redactStrings(tree, tally) ? mapper.writeValueAsString(tree) : json;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Redacts every string value below {@code node} in place; true when one changed. */
    private boolean redactStrings(JsonNode node, RedactionTally tally) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue() instanceof TextNode text) {
                    String redacted = redact(text.textValue(), tally);
                    if (!redacted.equals(text.textValue())) {
                        field.setValue(TextNode.valueOf(redacted));
                        changed = true;
                    }
                } else {
                    changed |= redactStrings(field.getValue(), tally);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TextNode text) {
                    String redacted = redact(text.textValue(), tally);
                    if (!redacted.equals(text.textValue())) {
                        array.set(i, TextNode.valueOf(redacted));
                        changed = true;
                    }
                } else {
                    changed |= redactStrings(array.get(i), tally);
                }
            }
        }
        return changed;
    }

    /** Every string value of a JSON object, at any depth, redacted; keys and other values kept. */
    public Map<String, Object> redactMap(Map<String, Object> map, RedactionTally tally) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((key, value) -> copy.put(key, redactValue(value, tally)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Object redactValue(Object value, RedactionTally tally) {
        if (value instanceof String text) {
            return redact(text, tally);
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap((Map<String, Object>) map, tally);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(redactValue(item, tally));
            }
            return copy;
        }
        return value;
    }

    private record Span(int start, int end, String rule) {
        boolean generic() {
            return rule.startsWith("generic");
        }
    }
}
