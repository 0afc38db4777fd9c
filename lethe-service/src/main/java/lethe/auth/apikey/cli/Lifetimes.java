package lethe.auth.apikey.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --expires}: {@code 90d}, {@code 12h}, {@code 8w}, or {@code never}. */
final class Lifetimes {

    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,6})([hdw])");
    private static final Duration LONGEST = Duration.ofDays(3650);

    private Lifetimes() {
    }

    /** The lifetime, or null for a key that never expires. */
    static Duration parse(String text) {
        if (text == null || text.equalsIgnoreCase("never")) {
            return null;
        }
        Matcher matcher = LIFETIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CommandFailure("--expires must look like 90d, 12h or 8w (hours, days, weeks), or be 'never'.");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration lifetime = switch (matcher.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
        if (lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new CommandFailure("--expires must be between 1h and 3650d.");
        }
        return lifetime;
    }
}
