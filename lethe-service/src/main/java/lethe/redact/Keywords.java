package lethe.redact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;

/**
 * Which of many lower-case keywords occur in a text, in one pass over it (Aho-Corasick, compiled to a
 * full transition table). Matching ignores ASCII case, as gitleaks does by lower-casing the text; a
 * character in no keyword (any non-ASCII one among them) matches no keyword character and restarts the scan.
 *
 * <p>This is the pre-filter that makes the common case cheap: a text that carries none of a rule's
 * keywords never reaches that rule's regular expression. It runs over every character of every text, so
 * the table is small enough to stay in the processor's cache: its columns are the few dozen characters
 * keywords are made of (an upper-case letter shares its lower-case letter's column, every other character
 * shares one column), not all 128 ASCII characters, and each entry is the next state's row offset, negative
 * when keywords end in that state.
 */
final class Keywords {

    private static final int ALPHABET = 128;

    /** For each ASCII character, its column: 0 for one in no keyword. */
    private final int[] column = new int[ALPHABET];
    private final int columns;
    /** Row offset ({@code state * columns}) by row offset plus column; negated (minus one) when keywords end in the next state. */
    private final int[] next;
    /** For each state, the keywords that end there (its own and those of its suffix states). */
    private final int[][] endingHere;
    private final int count;
    /** Keywords whose positions are wanted, not only whether they occur (see {@link SecretRule#reach()}). */
    private final boolean[] positional;

    Keywords(List<String> keywords, boolean[] positional) {
        count = keywords.size();
        this.positional = positional.clone();
        int used = 1;
        for (String keyword : keywords) {
            for (char c : keyword.toCharArray()) {
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("keyword '" + keyword + "' is not ASCII");
                }
                if (column[lower(c)] == 0) {
                    column[lower(c)] = used++;
                }
            }
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            column[c] = column[lower(c)];
        }
        columns = used;
        List<int[]> transitions = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        transitions.add(newState());
        outputs.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            int state = 0;
            for (char c : keywords.get(k).toCharArray()) {
                int col = column[c];
                if (transitions.get(state)[col] < 0) {
                    transitions.get(state)[col] = transitions.size();
                    transitions.add(newState());
                    outputs.add(new ArrayList<>());
                }
                state = transitions.get(state)[col];
            }
            outputs.get(state).add(k);
        }
        int[] fail = new int[transitions.size()];
        Queue<Integer> queue = new ArrayDeque<>();
        int[] root = transitions.get(0);
        root[0] = 0;
        for (int c = 1; c < columns; c++) {
            if (root[c] < 0) {
                root[c] = 0;
            } else {
                fail[root[c]] = 0;
                queue.add(root[c]);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            outputs.get(state).addAll(outputs.get(fail[state]));
            int[] row = transitions.get(state);
            row[0] = 0;
            for (int c = 1; c < columns; c++) {
                if (row[c] < 0) {
                    row[c] = transitions.get(fail[state])[c];
                } else {
                    fail[row[c]] = transitions.get(fail[state])[c];
                    queue.add(row[c]);
                }
            }
        }
        endingHere = outputs.stream().map(list -> list.stream().mapToInt(Integer::intValue).distinct().toArray())
                .toArray(int[][]::new);
        next = new int[transitions.size() * columns];
        for (int state = 0; state < transitions.size(); state++) {
            for (int c = 0; c < columns; c++) {
                int target = transitions.get(state)[c];
                next[state * columns + c] = endingHere[target].length == 0 ? target * columns : -1 - target * columns;
            }
        }
    }

    private int[] newState() {
        int[] row = new int[columns];
        Arrays.fill(row, -1);
        return row;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The keywords found in {@code text}, and where the positional ones end. */
    Hits find(String text) {
        Hits hits = new Hits(new BitSet(count));
        int row = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            row = next[row + (c < ALPHABET ? column[c] : 0)];
            if (row < 0) {
                row = -1 - row;
                for (int keyword : endingHere[row / columns]) {
                    hits.found.set(keyword);
                    if (positional[keyword]) {
                        hits.add(keyword, i + 1);
                    }
                }
            }
        }
        return hits;
    }

    /** What one scan found: which keywords, and (keyword, end index) pairs for the positional ones. */
    static final class Hits {
        final BitSet found;
        private int[] pairs = new int[0];
        private int size;

        Hits(BitSet found) {
            this.found = found;
        }

        private void add(int keyword, int end) {
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(16, pairs.length * 2));
            }
            pairs[size++] = keyword;
            pairs[size++] = end;
        }

        /** End indexes (ascending) of the occurrences of any keyword in {@code keywords}. */
        int[] ends(BitSet keywords) {
            int[] ends = new int[size / 2];
            int n = 0;
            for (int i = 0; i < size; i += 2) {
                if (keywords.get(pairs[i])) {
                    ends[n++] = pairs[i + 1];
                }
            }
            return Arrays.copyOf(ends, n);
        }
    }
}
