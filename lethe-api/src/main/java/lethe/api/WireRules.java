package lethe.api;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule of the wire contract that more than one place checks: the server's parser, the API's and the
 * pages' parameters, the importers and the auth code all ask here, so the rules cannot drift apart.
 */
public final class WireRules {

    /** Characters allowed in {@code tool}, {@code host} and {@code session_id}: they are path segments of read URLs. */
    public static final String SAFE_ID_CHARACTERS = "A-Za-z0-9._:@-";
    public static final int MAX_ID_LENGTH = 256;
    private static final Pattern UNSAFE_ID_CHARACTER = Pattern.compile("[^" + SAFE_ID_CHARACTERS + "]");
    /**
     * The same class as a table, read once from {@link #SAFE_ID_CHARACTERS}: the parser checks three ids on
     * every line it stores, and a regex match per id showed in ingest profiles.
     */
    private static final boolean[] SAFE_ID_TABLE = asciiTable(SAFE_ID_CHARACTERS);

    /** {@code kind}: one lower-case word of these characters; {@link TurnKind} lists the ones with a meaning. */
    public static final String KIND_CHARACTERS = "a-z_";
    private static final int MAX_KIND_LENGTH = 64;
    private static final boolean[] KIND_TABLE = asciiTable(KIND_CHARACTERS);

    /** Year 5138: anything larger is a unit mistake (milliseconds) or garbage. */
    public static final double MAX_TIMESTAMP = 1e11;

    /**
     * The largest token count one response may report. Far above any model's context (10^12), and small
     * enough that summing a billion turns of it can never overflow a 64-bit total.
     */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    /** A user name: what a proxy, an OIDC claim or an API key names; any printable text up to 256 characters. */
    public static final int MAX_USER_NAME_LENGTH = 256;

    /** Image types an attachment may have: the ones a browser shows as an image and never runs. */
    public static final Set<String> ATTACHMENT_MEDIA_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 5L * 1024 * 1024;

    private WireRules() {
    }

    /** True for a valid {@code tool}, {@code host} or {@code session_id}. */
    public static boolean isSafeId(String value) {
        return value != null && onlyFrom(SAFE_ID_TABLE, value, MAX_ID_LENGTH) && !value.equals(".") && !value.equals("..");
    }

    /** What the parser says when {@link #isSafeId} fails. */
    public static String safeIdRule(String field) {
        return field + " must be 1-256 characters from A-Z a-z 0-9 . _ : @ - (and not . or ..)";
    }

    /** A value made safe for a path segment: unsafe characters replaced by {@code _}, cut to the length limit. */
    public static String toSafeId(String value) {
        String replaced = UNSAFE_ID_CHARACTER.matcher(value).replaceAll("_");
        if (replaced.isEmpty() || replaced.equals(".") || replaced.equals("..")) {
            return "_" + replaced;
        }
        return replaced.length() > MAX_ID_LENGTH ? replaced.substring(0, MAX_ID_LENGTH) : replaced;
    }

    /** True for a valid {@code turn_id}: 1-256 characters, no control characters, no unpaired surrogates. */
    public static boolean isTurnId(String value) {
        return isPrintableText(value, MAX_ID_LENGTH);
    }

    /** True for a valid {@code kind}. */
    public static boolean isKind(String value) {
        return value != null && onlyFrom(KIND_TABLE, value, MAX_KIND_LENGTH);
    }

    /** True for a valid timestamp in Unix seconds. */
    public static boolean isTimestamp(double seconds) {
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_TIMESTAMP;
    }

    /** True for a token count one response may report. */
    public static boolean isTokenCount(long tokens) {
        return tokens >= 0 && tokens <= MAX_TOKENS;
    }

    /**
     * True for a user name as any way in may present it (forward-auth header, OIDC claim, key owner, the
     * {@code owner} parameter): 1-256 characters, no control characters, no unpaired surrogates. Spaces and
     * any script are allowed, so {@code alice smith} signs in and is named the same way in {@code owner=}.
     */
    public static boolean isUserName(String value) {
        return isPrintableText(value, MAX_USER_NAME_LENGTH) && value.strip().equals(value);
    }

    /** True for a media type an attachment may declare. */
    public static boolean isAttachmentMediaType(String value) {
        return value != null && ATTACHMENT_MEDIA_TYPES.contains(value);
    }

    /** The attachment media types, sorted, for messages. */
    public static List<String> attachmentMediaTypes() {
        return ATTACHMENT_MEDIA_TYPES.stream().sorted().toList();
    }

    private static boolean isPrintableText(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** 1 to {@code maxLength} characters, each one the table allows. */
    private static boolean onlyFrom(boolean[] allowed, String value, int maxLength) {
        int length = value.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= allowed.length || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** Which ASCII characters a regex character class (without its brackets) allows. */
    private static boolean[] asciiTable(String characterClass) {
        Pattern allowed = Pattern.compile("[" + characterClass + "]");
        boolean[] table = new boolean[128];
        for (char c = 0; c < table.length; c++) {
            table[c] = allowed.matcher(String.valueOf(c)).matches();
        }
        return table;
    }
}
