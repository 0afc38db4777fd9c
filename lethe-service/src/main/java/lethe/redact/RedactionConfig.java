package lethe.redact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import lethe.config.ConfigInvalidException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code redaction:} in config.yml. On by default: the bundled gitleaks rules, plus the operator's own
 * rules (a company's token format) and allowlist entries (a test key everybody knows).
 */
public class RedactionConfig {

    private static final Logger LOG = LoggerFactory.getLogger(RedactionConfig.class);
    /** Room for the deepest expression with plenty to spare (the bundled rules need less than 1 MiB). */
    private static final long COMPILER_STACK_BYTES = 64L * 1024 * 1024;

    @JsonProperty("enabled")
    private boolean enabled = true;

    @Valid
    @NotNull
    @JsonProperty("rules")
    private List<@NotNull @Valid Rule> rules = new ArrayList<>();

    @Valid
    @NotNull
    @JsonProperty("allowlist")
    private AllowlistConfig allowlist = new AllowlistConfig();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Rule> getRules() {
        return rules;
    }

    public AllowlistConfig getAllowlist() {
        return allowlist;
    }

    /** An extra rule; one with the id of a bundled rule replaces it. */
    public static class Rule {
        @NotNull
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                message = "must be 1-64 characters from a-z 0-9 . _ - (it names the rule in markers and metrics)")
        @JsonProperty("id")
        private String id;

        @NotBlank
        @JsonProperty("regex")
        private String regex;

        @Min(0)
        @JsonProperty("secret_group")
        private int secretGroup;

        @DecimalMin("0")
        @DecimalMax("16")
        @JsonProperty("entropy")
        private double entropy;

        @NotNull
        @JsonProperty("keywords")
        private List<@NotBlank String> keywords = new ArrayList<>();

        public Rule() {
        }

        public Rule(String id, String regex, int secretGroup, double entropy, List<String> keywords) {
            this.id = id;
            this.regex = regex;
            this.secretGroup = secretGroup;
            this.entropy = entropy;
            this.keywords = keywords;
        }
    }

    /** Extra entries of the allowlist every rule consults. */
    public static class AllowlistConfig {
        /** Matched against the secret a rule found; a match lets it through. */
        @NotNull
        @JsonProperty("regexes")
        private List<@NotBlank String> regexes = new ArrayList<>();

        /** A secret containing one of these (ignoring case) is let through. */
        @NotNull
        @JsonProperty("stopwords")
        private List<@NotBlank String> stopwords = new ArrayList<>();

        public List<String> getRegexes() {
            return regexes;
        }

        public List<String> getStopwords() {
            return stopwords;
        }
    }

    /**
     * The redactor this configuration describes: {@link Redactor#OFF} when disabled. Refuses (naming the
     * key) an expression RE2 cannot compile or a keyword the keyword scan cannot hold.
     *
     * <p>Built on a thread of its own with a deep stack: RE2/J compiles a counted repetition into nested
     * groups, one level of recursion per count, and gitleaks' {@code pypi-upload-token}
     * ({@code [\w-]{50,1000}}) alone overflows the 512 KiB stacks lethe is run with ({@code -Xss512k}, see
     * docs/operations.md), on whichever thread happened to compile it. Matching does not recurse that way.
     */
    public Redactor redactor() {
        if (!enabled) {
            return Redactor.OFF;
        }
        Object[] outcome = new Object[1];
        Thread compiler = new Thread(null, () -> {
            try {
                outcome[0] = compileAll();
            } catch (RuntimeException | Error e) {
                outcome[0] = e;
            }
        }, "redaction-rules", COMPILER_STACK_BYTES);
        compiler.start();
        boolean interrupted = false;
        while (true) {
            try {
                compiler.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome[0] instanceof RuntimeException failure) {
            throw failure;
        }
        if (outcome[0] instanceof Error failure) {
            throw failure;
        }
        return (Redactor) outcome[0];
    }

    private Redactor compileAll() {
        GitleaksRules.Loaded bundled = GitleaksRules.bundled();
        Map<String, SecretRule> byId = new LinkedHashMap<>();
        bundled.rules().forEach(rule -> byId.put(rule.id(), rule));
        for (int i = 0; i < rules.size(); i++) {
            SecretRule extra = compile(rules.get(i), "redaction.rules[" + i + "]");
            byId.put(extra.id(), extra);
        }
        List<Pattern> allowRegexes = new ArrayList<>(bundled.global().regexes());
        for (int i = 0; i < allowlist.regexes.size(); i++) {
            allowRegexes.add(compile(allowlist.regexes.get(i), "redaction.allowlist.regexes[" + i + "]"));
        }
        List<String> stopwords = new ArrayList<>(bundled.global().stopwords());
        allowlist.stopwords.forEach(word -> stopwords.add(word.toLowerCase(Locale.ROOT)));
        if (!bundled.skipped().isEmpty()) {
            LOG.warn("Redaction: {} gitleaks expressions are not RE2/J syntax and are skipped: {}",
                    bundled.skipped().size(), bundled.skipped());
        }
        LOG.info("Redaction on: {} rules ({} bundled, {} from the config; {} skipped, {} file-path rules not applicable)",
                byId.size(), bundled.rules().size(), rules.size(), bundled.skipped().size(), bundled.fileRules().size());
        return new Redactor(List.copyOf(byId.values()),
                new Allowlist(List.copyOf(allowRegexes), Allowlist.Target.SECRET, List.copyOf(stopwords)));
    }

    private static SecretRule compile(Rule rule, String key) {
        for (int k = 0; k < rule.keywords.size(); k++) {
            if (!rule.keywords.get(k).chars().allMatch(c -> c < 128)) {
                throw new ConfigInvalidException(key + ".keywords[" + k + "] must be ASCII");
            }
        }
        Pattern regex = compile(rule.regex, key + ".regex");
        if (rule.secretGroup > regex.groupCount()) {
            throw new ConfigInvalidException(key + ".secret_group is " + rule.secretGroup + " but " + key
                    + ".regex has only " + regex.groupCount() + " groups");
        }
        List<String> keywords = rule.keywords.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        return new SecretRule(rule.id, regex, rule.secretGroup, rule.entropy, keywords, List.of(), 0, null, null);
    }

    private static Pattern compile(String regex, String key) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigInvalidException(key + " is not a valid RE2 expression: " + e.getDescription());
        }
    }
}
