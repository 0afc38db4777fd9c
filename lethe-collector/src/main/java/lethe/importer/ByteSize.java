package lethe.importer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people type them: {@code 4194304}, {@code 512k}, {@code 4m} (binary multiples). */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([kmg]?)i?b?");

    private ByteSize() {
    }

    static long parse(String text, String option) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ImportFailure(option + " must be a size such as 4194304, 512k or 4m, not '" + text + "'");
        }
        long number = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "k" -> number * 1024;
            case "m" -> number * 1024 * 1024;
            case "g" -> number * 1024 * 1024 * 1024;
            default -> number;
        };
    }
}
