package lethe.bench.attack;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the attacker was answered: a count per outcome ({@code 401}, {@code ingest 200, line error}, {@code timed out}…). */
final class Answers {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, String> notes = new ConcurrentHashMap<>();

    void count(String outcome) {
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** A fact about the attack that is not a count of answers, shown after them ({@code most held at once: 16}). */
    void note(String name, long value) {
        notes.put(name, thousands(value));
    }

    /** {@code 401 × 5 500; held open at the end × 16; most held at once: 40}, outcomes in alphabetical order. */
    @Override
    public String toString() {
        return Stream.concat(
                new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " × " + thousands(e.getValue().sum())),
                new TreeMap<>(notes).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()))
                .collect(Collectors.joining("; "));
    }

    static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
