package lethe.ui.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * US dollars as people read them. Charts stack whole numbers, so amounts travel as micro-dollars
 * (millionths): exact enough for the smallest response, and a long holds $9 trillion.
 */
public final class Dollars {

    public static final long MICROS = 1_000_000;

    private Dollars() {
    }

    public static long micros(double dollars) {
        return Math.round(dollars * MICROS);
    }

    /** "$1 234.56", and four decimals below a dollar ("$0.0123") so small figures do not read as nothing. */
    public static String exact(long micros) {
        BigDecimal dollars = BigDecimal.valueOf(micros, 6);
        if (micros != 0 && Math.abs(micros) < MICROS) {
            return "$" + dollars.setScale(4, RoundingMode.HALF_UP).toPlainString();
        }
        String text = String.format(Locale.ROOT, "%,.2f", dollars.setScale(2, RoundingMode.HALF_UP));
        return "$" + text.replace(',', '\u202f');
    }

    /** For axis ticks: "$0.25", "$12", "$1.2k". */
    public static String compact(long micros) {
        if (Math.abs(micros) < 10 * MICROS) {
            return "$" + BigDecimal.valueOf(micros, 6).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return "$" + Numbers.compact(Math.round(micros / (double) MICROS));
    }

    public static String exact(double dollars) {
        return exact(micros(dollars));
    }

    /**
     * One response's cost: as {@link #exact(double)}, except that a cost too small for four decimals reads
     * "under $0.0001" rather than "$0.0000", which would look free.
     */
    public static String response(double dollars) {
        if (dollars > 0 && dollars < 0.00005) {
            return "under $0.0001";
        }
        return exact(dollars);
    }
}
