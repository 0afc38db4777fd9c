package lethe.bench.attack;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** What the attacker was answered: a count per outcome ({@code 401}, {@code ingest 200, line error}, {@code timed out}…). */
final class Answers {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String outcome) {
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    long of(String outcome) {
        LongAdder count = counts.get(outcome);
        return count == null ? 0 : count.sum();
    }

    /** {@code 401 × 5 500; held at the end × 16}, outcomes in alphabetical order. */
    @Override
    public String toString() {
        return new TreeMap<>(counts).entrySet().stream()
                .map(e -> e.getKey() + " × " + String.format(Locale.ROOT, "%,d", e.getValue().sum()).replace(',', ' '))
                .collect(Collectors.joining("; "));
    }
}
