package lethe.redact;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.List;

/**
 * One kind of secret, with gitleaks' semantics: the expression finds candidates; the secret is
 * {@code secretGroup} of the match, or else its first non-empty group, or else the whole match; a rule with
 * an {@code entropy} threshold keeps only secrets more random than it (and, for the {@code generic-} rules,
 * only those with a digit); allowlists let known non-secrets through.
 *
 * @param keywords lower-case; the rule only runs on a text containing one of them (none: always runs)
 * @param reach    0, or a promise that every match contains one of the keywords and reaches at most this
 *                 many characters before and after it: the expression then only runs near keyword occurrences
 * @param after    null, or a promise that every match contains one of the keywords and that the text right
 *                 after it begins with a match of this expression: the rule does not run on a text where no
 *                 keyword occurrence is followed by one ("they", "ask", "monkey"); with a reach, only the
 *                 occurrences followed by one open a window. It is checked at every occurrence of a keyword,
 *                 often a common word, so it runs in {@code java.util.regex}, several times faster than
 *                 RE2/J at a tiny anchored match on a few characters (RE2/J sets up its whole machine for
 *                 each); backtracking cannot run away there: the gates are lethe's own (lethe-rules.toml,
 *                 never the operator's), without nested repetition, and see at most {@link #AFTER_SPAN}
 *                 characters
 * @param needs    null, or a promise that every match contains a match of this expression (anywhere, not
 *                 next to a keyword): the rule does not run on a text without one. For rules whose keyword is
 *                 common and whose matches reach too far for a window ({@code curl}: up to six lines of any
 *                 length); searched only in a text that carries one of the rule's keywords, in
 *                 {@code java.util.regex} under the same terms as {@link #after} (lethe's own, bounded, no
 *                 nested repetition)
 */
record SecretRule(String id, Pattern regex, int secretGroup, double entropy, List<String> keywords,
                  List<Allowlist> allowlists, int reach, java.util.regex.Pattern after, java.util.regex.Pattern needs) {

    /** How many characters after a keyword {@link #after} may need to see. */
    static final int AFTER_SPAN = 400;

    SecretRule withReach(int newReach, java.util.regex.Pattern newAfter, java.util.regex.Pattern newNeeds) {
        return new SecretRule(id, regex, secretGroup, entropy, keywords, allowlists, newReach, newAfter, newNeeds);
    }

    /** Whether the text holds what every match of the rule contains ({@link #needs}). */
    boolean mayMatch(String text) {
        return needs == null || needs.matcher(text).find();
    }

    /**
     * A matcher of {@link #after} over the text, for {@link #mayFollow} at each keyword occurrence (one
     * matcher a text rather than one an occurrence: setting one up cost more than the check); null when
     * the rule has no {@code after}.
     */
    java.util.regex.Matcher gate(String text) {
        return after == null ? null : after.matcher(text);
    }

    /** Whether the text after a keyword ending at {@code end} can continue a match ({@link #after}; {@code gate} from {@link #gate}). */
    static boolean mayFollow(java.util.regex.Matcher gate, String text, int end) {
        return gate == null || gate.region(end, Math.min(text.length(), end + AFTER_SPAN)).lookingAt();
    }

    /** The bounds of the secret within the text for the current match, or null when the rule lets it pass. */
    int[] secretBounds(Matcher matcher) {
        int group = secretGroup;
        if (group == 0) {
            for (int g = 1; g <= matcher.groupCount(); g++) {
                if (matcher.start(g) >= 0 && matcher.end(g) > matcher.start(g)) {
                    group = g;
                    break;
                }
            }
        } else if (group > matcher.groupCount()) {
            group = 0;
        }
        int start = matcher.start(group);
        int end = matcher.end(group);
        if (start < 0 || end <= start) {
            return null;
        }
        return new int[] {start, end};
    }

    boolean randomEnough(String secret) {
        if (entropy <= 0) {
            return true;
        }
        if (Entropy.shannon(secret) <= entropy) {
            return false;
        }
        return !id.startsWith("generic") || secret.chars().anyMatch(Character::isDigit);
    }
}
