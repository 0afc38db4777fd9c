package lethe.redact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;

/**
 * Which of many lower-case keywords occur in a text, in one pass over it (Aho-Corasick, compiled to a
 * full transition table over ASCII). Matching ignores ASCII case, as gitleaks does by lower-casing the
 * text; a non-ASCII character matches no keyword character and restarts the scan.
 *
 * <p>This is the pre-filter that makes the common case cheap: a text that carries none of a rule's
 * keywords never reaches that rule's regular expression.
 */
final class Keywords {

    private static final int ALPHABET = 128;

    private final int[][] next;
    /** For each state, the keywords that end there (its own and those of its suffix states). */
    private final int[][] endingHere;
    private final int count;
    /** Keywords whose positions are wanted, not only whether they occur (see {@link SecretRule#reach()}). */
    private final boolean[] positional;

    Keywords(List<String> keywords, boolean[] positional) {
        count = keywords.size();
        this.positional = positional.clone();
        List<int[]> transitions = new ArrayList<>();
        List<List<Integer>> outputs = new ArrayList<>();
        transitions.add(newState());
        outputs.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            int state = 0;
            for (char c : keywords.get(k).toCharArray()) {
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("keyword '" + keywords.get(k) + "' is not ASCII");
                }
                int lower = lower(c);
                if (transitions.get(state)[lower] < 0) {
                    transitions.get(state)[lower] = transitions.size();
                    transitions.add(newState());
                    outputs.add(new ArrayList<>());
                }
                state = transitions.get(state)[lower];
            }
            outputs.get(state).add(k);
        }
        int[] fail = new int[transitions.size()];
        Queue<Integer> queue = new ArrayDeque<>();
        int[] root = transitions.get(0);
        for (int c = 0; c < ALPHABET; c++) {
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
            for (int c = 0; c < ALPHABET; c++) {
                if (row[c] < 0) {
                    row[c] = transitions.get(fail[state])[c];
                } else {
                    fail[row[c]] = transitions.get(fail[state])[c];
                    queue.add(row[c]);
                }
            }
        }
        next = transitions.toArray(int[][]::new);
        endingHere = outputs.stream().map(list -> list.stream().mapToInt(Integer::intValue).distinct().toArray())
                .toArray(int[][]::new);
    }

    private static int[] newState() {
        int[] row = new int[ALPHABET];
        java.util.Arrays.fill(row, -1);
        return row;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The keywords found in {@code text}, and where the positional ones end. */
    Hits find(CharSequence text) {
        Hits hits = new Hits(new BitSet(count));
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            state = c < ALPHABET ? next[state][lower(c)] : 0;
            int[] ending = endingHere[state];
            for (int keyword : ending) {
                hits.found.set(keyword);
                if (positional[keyword]) {
                    hits.add(keyword, i + 1);
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
                pairs = java.util.Arrays.copyOf(pairs, Math.max(16, pairs.length * 2));
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
            return java.util.Arrays.copyOf(ends, n);
        }
    }
}
