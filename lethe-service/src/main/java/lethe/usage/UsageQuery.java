package lethe.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What to count: turns from {@code since} (inclusive) to {@code until} (exclusive), both on a quarter
 * hour, or from the first / to the last turn when null; grouped by {@code groupBy} in that order, days
 * falling in {@code zone}; for {@code owner}, or everyone when null; optionally only one tool, host or
 * project (a session's {@code meta.cwd}).
 */
public record UsageQuery(String owner, List<UsageKey> groupBy, Instant since, Instant until, ZoneId zone,
                         String tool, String host, String project) {

    public UsageQuery {
        groupBy = List.copyOf(groupBy);
    }
}
