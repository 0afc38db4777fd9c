package lethe.redact;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy in bits per character: how random a candidate secret looks. */
final class Entropy {

    private Entropy() {
    }

    static double shannon(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double length = text.length();
        double bits = 0;
        for (int count : counts.values()) {
            double p = count / length;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }
}
