package lethe.ui.format;

import java.util.Locale;

/** Counts as people read them: "950", "12.3k", "4.1M", with the exact figure kept for tooltips. */
public final class Numbers {

    private Numbers() {
    }

    public static String compact(long n) {
        String[] units = {"", "k", "M", "G", "T"};
        double value = n;
        int unit = 0;
        // 999 950 must read "1M", not "1000k": step up while the value would round to four digits.
        while (unit < units.length - 1 && Math.abs(value) >= 999.5) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? Long.toString(n) : scaled(value, units[unit]);
    }

    /** With thousands separators: "1 234 567" (a thin space, unambiguous in every locale). */
    public static String exact(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u202f');
    }

    /** A size in bytes: "812 B", "4.2 kB", "5.0 MB". */
    public static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return scaled(n / 1_000.0, " kB");
        }
        return scaled(n / 1_000_000.0, " MB");
    }

    private static String scaled(double value, String unit) {
        String text = value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
        if (text.endsWith(".0")) {
            text = text.substring(0, text.length() - 2);
        }
        return text + unit;
    }
}
