package lethe.redact;

import java.util.Map;
import java.util.TreeMap;

/** Secrets redacted so far, by rule id: what one request or one rescan reports. */
public final class RedactionTally {

    private final Map<String, Long> byRule = new TreeMap<>();
    private long total;

    void add(String rule) {
        byRule.merge(rule, 1L, Long::sum);
        total++;
    }

    public void addAll(RedactionTally other) {
        other.byRule.forEach((rule, count) -> byRule.merge(rule, count, Long::sum));
        total += other.total;
    }

    public long total() {
        return total;
    }

    /** Rule id to count, in rule order. */
    public Map<String, Long> byRule() {
        return Map.copyOf(byRule);
    }

    @Override
    public String toString() {
        return total + " " + byRule;
    }
}
