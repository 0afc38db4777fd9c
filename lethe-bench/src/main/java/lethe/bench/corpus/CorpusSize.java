package lethe.bench.corpus;

import java.util.Locale;

/** The named corpus sizes of docs/benchmarks.md; any other size is given as a number of turns. */
public enum CorpusSize {
    SMALL(20_000),
    MEDIUM(200_000),
    LARGE(1_000_000);

    private final long turns;

    CorpusSize(long turns) {
        this.turns = turns;
    }

    public long turns() {
        return turns;
    }

    /** {@code small}, {@code medium}, {@code large}, or a plain number of turns such as {@code 1500000}. */
    public static long parseTurns(String size) {
        if (size.chars().allMatch(Character::isDigit) && !size.isEmpty()) {
            long turns = Long.parseLong(size);
            if (turns < 1) {
                throw new IllegalArgumentException("a corpus needs at least one turn");
            }
            return turns;
        }
        return valueOf(size.toUpperCase(Locale.ROOT)).turns;
    }
}
