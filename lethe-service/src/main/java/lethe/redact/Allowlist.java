package lethe.redact;

import com.google.re2j.Pattern;

import java.util.List;
import java.util.Locale;

/**
 * What a rule (or every rule) lets through although its expression matched: a known example key, a
 * placeholder, a word from the stopword list. gitleaks' path and commit conditions have no meaning for
 * a transcript and are dropped when the rule file is read.
 *
 * @param regexes    matched against the {@link Target}; any match allows the finding
 * @param stopwords  lower-case; a secret containing one is allowed
 */
record Allowlist(List<Pattern> regexes, Target target, List<String> stopwords) {

    /** What an allowlist's regexes are matched against (gitleaks' {@code regexTarget}). */
    enum Target {
        SECRET, MATCH, LINE;

        static Target of(String name) {
            if (name == null || name.isEmpty() || name.equals("secret")) {
                return SECRET;
            }
            return switch (name) {
                case "match" -> MATCH;
                case "line" -> LINE;
                default -> throw new IllegalArgumentException("unknown regexTarget '" + name + "'");
            };
        }
    }

    static final Allowlist NONE = new Allowlist(List.of(), Target.SECRET, List.of());

    boolean allows(Finding finding) {
        if (!regexes.isEmpty()) {
            String subject = switch (target) {
                case SECRET -> finding.secret();
                case MATCH -> finding.match();
                case LINE -> finding.line();
            };
            for (Pattern regex : regexes) {
                if (regex.matcher(subject).find()) {
                    return true;
                }
            }
        }
        if (!stopwords.isEmpty()) {
            String secret = finding.secret().toLowerCase(Locale.ROOT);
            for (String stopword : stopwords) {
                if (secret.contains(stopword)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One candidate secret: the secret itself, the whole match around it, and (found when asked) its line. */
    static final class Finding {
        private final String text;
        private final int matchStart;
        private final int matchEnd;
        private final String secret;

        Finding(String text, int matchStart, int matchEnd, String secret) {
            this.text = text;
            this.matchStart = matchStart;
            this.matchEnd = matchEnd;
            this.secret = secret;
        }

        String secret() {
            return secret;
        }

        String match() {
            return text.substring(matchStart, matchEnd);
        }

        /** The line(s) the match is on, without their line ends. */
        String line() {
            int start = text.lastIndexOf('\n', matchStart - 1) + 1;
            int end = text.indexOf('\n', Math.max(matchStart, matchEnd - 1));
            return text.substring(start, end < 0 ? text.length() : end);
        }
    }
}
