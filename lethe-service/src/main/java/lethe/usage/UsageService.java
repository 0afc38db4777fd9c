package lethe.usage;

import lethe.api.UsageReport;
import lethe.api.UsageRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tokens and dollars over stored turns, read from the per-quarter-hour rollup the turn triggers keep
 * (changeset 40 of migrations.xml). Each figure comes from the turn's own model and usage, so a session
 * that switched models counts each model where it belongs; a re-sent turn replaces itself in the rollup.
 * Costs are computed per model from sums, which is exact (see {@link ModelPrice#cost}).
 */
public class UsageService {

    /** Seconds in a bucket of the rollup. */
    static final long QUARTER = 900;

    private static final String SUMS = """
            sum(u.turns) AS turns, sum(u.input_tokens) AS input_tokens, sum(u.output_tokens) AS output_tokens,
            sum(u.cache_read_tokens) AS cache_read_tokens, sum(u.cache_write_tokens) AS cache_write_tokens,
            sum(u.input_over) AS input_over, sum(u.output_over) AS output_over,
            sum(u.cache_read_over) AS cache_read_over, sum(u.cache_write_over) AS cache_write_over
            """;

    private final Jdbi jdbi;
    private final PriceTable prices;

    public UsageService(Jdbi jdbi, PriceTable prices) {
        this.jdbi = jdbi;
        this.prices = prices;
    }

    public PriceTable prices() {
        return prices;
    }

    /** The first and the end (exclusive) of the quarter hours holding usage, for an owner or everyone (null). */
    public Optional<Instant[]> extent(String owner) {
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery("SELECT min(quarter) AS lo, max(quarter) AS hi FROM usage_quarter_hours"
                    + (owner == null ? "" : " WHERE owner = :owner"));
            if (owner != null) {
                query.bind("owner", owner);
            }
            return query.map((rs, ctx) -> {
                long lo = rs.getLong("lo");
                if (rs.wasNull()) {
                    return null;
                }
                long hi = rs.getLong("hi") + 1;
                return new Instant[] {Instant.ofEpochSecond(lo * QUARTER), Instant.ofEpochSecond(hi * QUARTER)};
            }).findOne();
        });
    }

    public UsageReport report(UsageQuery query) {
        Instant since = query.since();
        Instant until = query.until();
        if (since == null || until == null) {
            Optional<Instant[]> extent = extent(query.owner());
            if (extent.isEmpty()) {
                return report(query, List.of());
            }
            since = since == null ? extent.get()[0] : since;
            until = until == null ? extent.get()[1] : until;
        }
        List<Grouped> grouped = new ArrayList<>();
        Instant from = since;
        Instant to = until;
        jdbi.useHandle(handle -> {
            for (ZoneSpan span : ZoneSpan.between(from, to, query.zone())) {
                grouped.addAll(select(handle, query, span));
            }
        });
        return report(query, grouped);
    }

    /**
     * The priced cost of stored sessions (by primary key), in one query for a whole page of them; a session
     * is absent when it has no usage, or when a turn's model has no price. Read through the caller's connection,
     * beside the sessions it priced.
     */
    public Map<Long, Double> sessionCosts(Handle handle, Collection<Long> sessionPks) {
        if (sessionPks.isEmpty()) {
            return Map.of();
        }
        Map<Long, Total> totals = new HashMap<>();
        handle.createQuery("SELECT u.session_pk AS session_pk, u.model AS model, " + SUMS + """
                         FROM usage_quarter_hours u
                        WHERE u.session_pk IN (<pks>)
                        GROUP BY u.session_pk, u.model
                        """)
                .bindList("pks", List.copyOf(sessionPks))
                .map((rs, ctx) -> Map.entry(rs.getLong("session_pk"), grouped(rs, new String[0])))
                .forEach(byModel -> totals.computeIfAbsent(byModel.getKey(), pk -> new Total()).add(byModel.getValue(), prices));
        Map<Long, Double> costs = new HashMap<>();
        totals.forEach((pk, total) -> {
            if (total.costUsd() != null) {
                costs.put(pk, total.costUsd());
            }
        });
        return costs;
    }

    private static List<Grouped> select(Handle handle, UsageQuery query, ZoneSpan span) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<UsageKey> keys = query.groupBy();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(keys.get(i).sql).append(" AS k").append(i).append(", ");
        }
        sql.append("u.model AS model, ").append(SUMS).append("""
                 FROM usage_quarter_hours u JOIN sessions s ON s.id = u.session_pk
                WHERE u.quarter >= :lo AND u.quarter < :hi
                """);
        if (query.owner() != null) {
            sql.append(" AND u.owner = :owner");
        }
        if (query.tool() != null) {
            sql.append(" AND s.tool = :tool");
        }
        if (query.host() != null) {
            sql.append(" AND s.host = :host");
        }
        if (query.project() != null) {
            sql.append(" AND ").append(UsageKey.PROJECT.sql).append(" = :project");
        }
        sql.append(" GROUP BY ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append("k").append(i).append(", ");
        }
        sql.append("u.model");
        Query statement = handle.createQuery(sql.toString())
                .bind("lo", span.firstQuarter())
                .bind("hi", span.endQuarter())
                .bind("offset", span.offsetSeconds());
        if (query.owner() != null) {
            statement.bind("owner", query.owner());
        }
        if (query.tool() != null) {
            statement.bind("tool", query.tool());
        }
        if (query.host() != null) {
            statement.bind("host", query.host());
        }
        if (query.project() != null) {
            statement.bind("project", query.project());
        }
        return statement.map((rs, ctx) -> {
            String[] values = new String[keys.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString("k" + i);
            }
            return grouped(rs, values);
        }).list();
    }

    private static Grouped grouped(ResultSet rs, String[] keys) throws SQLException {
        String model = rs.getString("model");
        return new Grouped(keys, model.isEmpty() ? null : model, new TokenSums(rs.getLong("turns"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("input_over"), rs.getLong("output_over"),
                rs.getLong("cache_read_over"), rs.getLong("cache_write_over")));
    }

    private UsageReport report(UsageQuery query, List<Grouped> grouped) {
        Map<List<String>, Total> groups = new TreeMap<>(KEY_ORDER);
        Total totals = new Total();
        for (Grouped g : grouped) {
            groups.computeIfAbsent(Arrays.asList(g.keys()), k -> new Total()).add(g, prices);
            totals.add(g, prices);
        }
        List<UsageRow> rows = new ArrayList<>(groups.size());
        groups.forEach((values, total) -> rows.add(total.toRow(fields(query.groupBy(), values))));
        return new UsageReport(rows, totals.toRow(Map.of()), query.groupBy().stream().map(UsageKey::param).toList(),
                query.zone().getId(), seconds(query.since()), seconds(query.until()));
    }

    private static Map<String, String> fields(List<UsageKey> keys, List<String> values) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            UsageKey key = keys.get(i);
            String value = values.get(i);
            if (key == UsageKey.SESSION) {
                String[] parts = value.split("\u001f", 4);
                fields.put("session", parts[3]);
                fields.put("owner", parts[0]);
                fields.put("tool", parts[1]);
                fields.put("host", parts[2]);
            } else if (key == UsageKey.MODEL && value.isEmpty()) {
                fields.put(key.param(), null);
            } else {
                fields.put(key.param(), value);
            }
        }
        return fields;
    }

    private static Double seconds(Instant instant) {
        return instant == null ? null : (double) instant.getEpochSecond();
    }

    /** Keys in order, a missing key (no model, no project) first. */
    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** One row of the rollup query: a group's keys, one model, and its sums. */
    private record Grouped(String[] keys, String model, TokenSums sums) {
    }

    /**
     * Sums and cost of a group across its models. Turns of a model without a price are counted apart and
     * make the cost unknown; turns that reported only zeros cost nothing whatever their model.
     */
    private static final class Total {
        private TokenSums sums = TokenSums.ZERO;
        private double cost;
        private long unpricedTurns;

        void add(Grouped g, PriceTable prices) {
            sums = sums.plus(g.sums());
            Optional<ModelPrice> price = prices.find(g.model());
            if (price.isPresent()) {
                cost += price.get().cost(g.sums());
            } else if (g.sums().hasTokens()) {
                unpricedTurns += g.sums().turns();
            }
        }

        Double costUsd() {
            return unpricedTurns > 0 ? null : cost;
        }

        UsageRow toRow(Map<String, String> keys) {
            return new UsageRow(keys, sums.input(), sums.output(), sums.cacheRead(), sums.cacheWrite(), sums.turns(),
                    costUsd(), unpricedTurns);
        }
    }
}
