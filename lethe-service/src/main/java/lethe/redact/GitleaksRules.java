package lethe.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a gitleaks rule file (TOML, the format of gitleaks 8.25+) into rules lethe can run on text.
 *
 * <p>Expressions are compiled with RE2/J: gitleaks' rules are written for Go's RE2, and RE2/J runs that
 * syntax in time linear in the text, so no transcript can make a rule backtrack for minutes as
 * {@code java.util.regex} could. What cannot apply to a transcript is dropped: rules that only fire for a
 * file path ({@code path}), and allowlist entries made of paths or commits.
 */
final class GitleaksRules {

    /** The bundled rule set: gitleaks' own default configuration, MIT (LICENSE-gitleaks beside it). */
    static final String BUNDLED = "/redact/gitleaks.toml";
    /** lethe's additions in the same format (connection URLs with a password). */
    static final String LETHE = "/redact/lethe-rules.toml";

    /**
     * @param skipped rules (or allowlist expressions, as {@code rule/allowlist}) RE2/J could not compile
     * @param fileRules rules dropped because they only apply to files of a given path
     * @param reaches   lethe's extension {@code [[reach]]}, by rule id
     */
    record Loaded(List<SecretRule> rules, Allowlist global, List<String> skipped, List<String> fileRules,
                  Map<String, Reach> reaches) {
    }

    /** A {@code [[reach]]} entry: {@link SecretRule#reach()}, {@link SecretRule#after()} and {@link SecretRule#needs()}. */
    record Reach(int chars, java.util.regex.Pattern after, java.util.regex.Pattern needs) {
    }

    private GitleaksRules() {
    }

    /** Read once per JVM: the files never change, and reading and compiling them costs about a second. */
    private static Loaded bundled;

    /** gitleaks' rules, then lethe's own. */
    static synchronized Loaded bundled() {
        if (bundled == null) {
            bundled = readBundled();
        }
        return bundled;
    }

    private static Loaded readBundled() {
        Loaded gitleaks = resource(BUNDLED);
        Loaded lethe = resource(LETHE);
        List<SecretRule> rules = new ArrayList<>(gitleaks.rules());
        List<String> replaced = lethe.rules().stream().map(SecretRule::id).toList();
        rules.removeIf(rule -> replaced.contains(rule.id()));
        rules.addAll(lethe.rules());
        rules.replaceAll(rule -> {
            Reach reach = lethe.reaches().get(rule.id());
            return reach == null ? rule : rule.withReach(reach.chars(), reach.after(), reach.needs());
        });
        return new Loaded(List.copyOf(rules), gitleaks.global(), concat(gitleaks.skipped(), lethe.skipped()),
                concat(gitleaks.fileRules(), lethe.fileRules()), Map.of());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    private static Loaded resource(String name) {
        try (InputStream in = GitleaksRules.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Loaded read(InputStream toml) throws IOException {
        JsonNode root = new TomlMapper().readTree(toml);
        List<String> skipped = new ArrayList<>();
        List<String> fileRules = new ArrayList<>();
        List<SecretRule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            String id = rule.path("id").asText();
            if (rule.has("path") || !rule.has("regex")) {
                fileRules.add(id);
                continue;
            }
            Pattern regex;
            try {
                regex = Pattern.compile(rule.get("regex").asText());
            } catch (PatternSyntaxException e) {
                skipped.add(id);
                continue;
            }
            List<Allowlist> allowlists = new ArrayList<>();
            for (JsonNode allowlist : rule.path("allowlists")) {
                Allowlist read = allowlist(allowlist, id + "/allowlist", skipped);
                if (read != Allowlist.NONE) {
                    allowlists.add(read);
                }
            }
            rules.add(new SecretRule(id, regex, rule.path("secretGroup").asInt(0), rule.path("entropy").asDouble(0),
                    lowerCase(rule.path("keywords")), List.copyOf(allowlists), 0, null, null));
        }
        Allowlist global = allowlist(root.path("allowlist"), "global allowlist", skipped);
        Map<String, Reach> reaches = new LinkedHashMap<>();
        for (JsonNode reach : root.path("reach")) {
            reaches.put(reach.path("rule").asText(), new Reach(reach.path("chars").asInt(),
                    javaRegex(reach, "after"), javaRegex(reach, "needs")));
        }
        return new Loaded(List.copyOf(rules), global, List.copyOf(skipped), List.copyOf(fileRules), Map.copyOf(reaches));
    }

    private static java.util.regex.Pattern javaRegex(JsonNode reach, String key) {
        return reach.has(key) ? java.util.regex.Pattern.compile(reach.get(key).asText()) : null;
    }

    /**
     * The parts of an allowlist that can apply to text alone. An AND allowlist that also names paths can
     * never hold for a transcript, so it allows nothing.
     */
    private static Allowlist allowlist(JsonNode node, String name, List<String> skipped) {
        if (node.isMissingNode() || (node.path("condition").asText("OR").equalsIgnoreCase("AND")
                && (node.has("paths") || node.has("commits")))) {
            return Allowlist.NONE;
        }
        List<Pattern> regexes = new ArrayList<>();
        for (JsonNode regex : node.path("regexes")) {
            try {
                regexes.add(Pattern.compile(regex.asText()));
            } catch (PatternSyntaxException e) {
                skipped.add(name);
            }
        }
        List<String> stopwords = lowerCase(node.path("stopwords"));
        if (regexes.isEmpty() && stopwords.isEmpty()) {
            return Allowlist.NONE;
        }
        return new Allowlist(List.copyOf(regexes), Allowlist.Target.of(node.path("regexTarget").asText(null)), stopwords);
    }

    private static List<String> lowerCase(JsonNode words) {
        List<String> lower = new ArrayList<>();
        for (JsonNode word : words) {
            lower.add(word.asText().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(lower);
    }
}
