package lethe.ui.data;

import java.util.List;

/**
 * One page of search results ({@link FoundSession}s or {@link FoundTurn}s), with how many stored turns the
 * search could not see yet because they are still being indexed.
 */
public record Found<T>(List<T> results, long indexPending) {

    public Found {
        results = List.copyOf(results);
    }
}
