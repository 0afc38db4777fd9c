package lethe.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.bench.Options;
import lethe.bench.Results;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code report --results F}: the Markdown tables of docs/benchmarks.md from a results file. Ingest
 * figures are medians over the rounds; a ratio is the median of the per-round ratios, each taken between
 * runs of the same round (the runs alternate, so slow drift of the machine affects both sides alike).
 * The denominators are the peers (labels not starting with "lethe"), or with {@code --baseline TEXT}
 * the labels containing TEXT (lethe on SQLite, against which lethe on PostgreSQL is held).
 */
public final class Report {

    private Report() {
    }

    public static void run(String[] args) throws IOException {
        Options options = new Options(args);
        Path file = Path.of(options.get("results"));
        String baseline = options.get("baseline", null);
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                results.add(Results.JSON.readTree(line));
            }
        }
        System.out.print(tables(results, baseline));
    }

    static String tables(List<JsonNode> results, String baseline) {
        StringBuilder out = new StringBuilder();
        ingest(results, baseline, out);
        reads(results, out);
        closedLoopReads(results, out);
        attacks(results, out);
        resources(results, out);
        return out.toString();
    }

    private static void ingest(List<JsonNode> results, String baseline, StringBuilder out) {
        Map<String, List<JsonNode>> byLabel = group(results, "ingest");
        if (byLabel.isEmpty()) {
            return;
        }
        out.append("| loader | runs | lines | NDJSON MB | lines/s (median) | MB/s (median) | lines/s min-max |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        byLabel.forEach((label, runs) -> {
            List<Double> rates = runs.stream().map(Report::linesPerSecond).toList();
            List<Double> mbs = runs.stream().map(r -> r.get("ndjson_bytes").asDouble() / 1e6 / r.get("seconds").asDouble()).toList();
            out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.0f | %,.0f | %.1f | %,.0f - %,.0f |%n", label, runs.size(),
                    runs.get(0).get("lines").asLong(), runs.get(0).get("ndjson_bytes").asDouble() / 1e6,
                    median(rates), median(mbs), rates.stream().mapToDouble(d -> d).min().orElse(0),
                    rates.stream().mapToDouble(d -> d).max().orElse(0)));
        });
        Predicate<String> isPeer = baseline == null ? label -> !label.startsWith("lethe") : label -> label.contains(baseline);
        List<String> peers = byLabel.keySet().stream().filter(isPeer).toList();
        List<String> lethes = byLabel.keySet().stream().filter(isPeer.negate()).toList();
        if (peers.isEmpty() || lethes.isEmpty()) {
            return;
        }
        out.append(baseline == null ? "\n| lethe ÷ peer (median of per-round ratios) |"
                : "\n| ÷ " + baseline + " (median of per-round ratios) |");
        peers.forEach(peer -> out.append(' ').append(peer).append(" |"));
        out.append("\n|---|");
        peers.forEach(peer -> out.append("---:|"));
        out.append('\n');
        for (String lethe : lethes) {
            out.append("| ").append(lethe).append(" |");
            for (String peer : peers) {
                List<Double> ratios = new ArrayList<>();
                for (JsonNode run : byLabel.get(lethe)) {
                    byLabel.get(peer).stream().filter(p -> p.get("round").asInt() == run.get("round").asInt()).findFirst()
                            .ifPresent(p -> ratios.add(linesPerSecond(run) / linesPerSecond(p)));
                }
                out.append(String.format(Locale.ROOT, " %.2f× |", median(ratios)));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void reads(List<JsonNode> results, StringBuilder out) {
        Map<String, List<JsonNode>> byLabel = group(results, "read");
        if (byLabel.isEmpty()) {
            return;
        }
        out.append("| read | requests | rate/s | p50 ms | p90 ms | p99 ms | max ms | server's p99 ms | client's lateness p99 ms"
                + " | errors | response bytes |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byLabel.forEach((label, runs) -> runs.forEach(r -> out.append(String.format(Locale.ROOT,
                "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s | %s | %d | %,d |%n", label, r.get("requests").asLong(),
                r.get("rate").asDouble(), r.get("p50_ms").asDouble(), r.get("p90_ms").asDouble(), r.get("p99_ms").asDouble(),
                r.get("max_ms").asDouble(), serverP99(r), clientLateness(r), r.get("errors").asLong(),
                r.get("mean_response_bytes").asLong()))));
        out.append('\n');
    }

    /**
     * wrk's figures (one connection, closed loop), a row a read with its phases side by side, and whether each
     * p99 is within the read's goal where it has one: issue 21's table.
     */
    private static void closedLoopReads(List<JsonNode> results, StringBuilder out) {
        Map<String, List<JsonNode>> byLabel = group(results, "closed_loop_read");
        if (byLabel.isEmpty()) {
            return;
        }
        List<String> phases = byLabel.values().stream().flatMap(List::stream).map(r -> r.get("phase").asText())
                .distinct().toList();
        out.append("| read (wrk, 1 connection) |");
        phases.forEach(phase -> out.append(' ').append(phase).append(" p50 / p99 ms |"));
        out.append(" goal p99 ms | within it |\n|---|");
        phases.forEach(phase -> out.append("---:|"));
        out.append("---:|---|\n");
        byLabel.forEach((label, runs) -> {
            Map<String, JsonNode> byPhase = new LinkedHashMap<>();
            runs.forEach(run -> byPhase.put(run.get("phase").asText(), run));
            JsonNode goal = runs.get(0).get("goal_p99_ms");
            List<String> over = new ArrayList<>();
            out.append("| ").append(label).append(" |");
            for (String phase : phases) {
                JsonNode run = byPhase.get(phase);
                double p99 = run == null ? Double.NaN : run.get("p99_ms").asDouble();
                out.append(run == null ? " |"
                        : String.format(Locale.ROOT, " %.2f / %.2f |", run.get("p50_ms").asDouble(), p99));
                if (goal != null && p99 > goal.asDouble()) {
                    over.add(phase);
                }
            }
            out.append(goal == null ? " | |\n" : " " + format(goal.asDouble()) + " | "
                    + (over.isEmpty() ? "yes" : "no: " + String.join(", ", over)) + " |\n");
        });
        out.append('\n');
    }

    /** The bucket bound of the server's own p99 ("≤ 5"), when the run read lethe's metrics. */
    private static String serverP99(JsonNode read) {
        JsonNode bound = read.get("server_p99_at_most_ms");
        return bound == null || !bound.isNumber() ? ""
                : "≤ " + BigDecimal.valueOf(bound.asDouble()).stripTrailingZeros().toPlainString();
    }

    /** How late the client sent at p99 (from due to sent), when the run recorded it. */
    private static String clientLateness(JsonNode read) {
        JsonNode late = read.get("client_late_p99_ms");
        return late == null || !late.isNumber() ? "" : String.format(Locale.ROOT, "%.2f", late.asDouble());
    }

    /** Issue 14's attacks: for each, the other user's figures on each lethe, in the order they ran. */
    private static void attacks(List<JsonNode> results, StringBuilder out) {
        Map<String, List<JsonNode>> byLabel = group(results, "attack");
        if (byLabel.isEmpty()) {
            return;
        }
        out.append("| attack | lethe | bob's request | requests | failed | p50 ms | p99 ms | max ms | attacker's answers | OutOfMemoryError lines | load (1 min) |\n");
        out.append("|---|---|---|---:|---|---:|---:|---:|---|---:|---:|\n");
        byLabel.forEach((label, runs) -> runs.forEach(r -> out.append(String.format(Locale.ROOT,
                "| %s | %s | %s | %d | %s | %.0f | %.0f | %.0f | %s | %d | %.1f |%n", label, r.get("lethe").asText(),
                r.get("request").asText(), r.get("requests").asLong(), failed(r), r.get("p50_ms").asDouble(),
                r.get("p99_ms").asDouble(), r.get("max_ms").asDouble(), r.get("attacker").asText(),
                r.get("out_of_memory_lines").asLong(), r.get("load_1min").asDouble()))));
        out.append('\n');
    }

    /** {@code 0}, or the count with how they failed: {@code 12 (timed out × 12)}. */
    private static String failed(JsonNode attack) {
        long failures = attack.get("failures").asLong();
        return failures == 0 ? "0" : failures + " (" + attack.path("failed_how").asText() + ")";
    }

    private static void resources(List<JsonNode> results, StringBuilder out) {
        Map<String, List<JsonNode>> byLabel = group(results, "resource");
        if (byLabel.isEmpty()) {
            return;
        }
        out.append("| resource | value | unit | runs |\n|---|---:|---|---:|\n");
        byLabel.forEach((label, runs) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d |%n", label,
                format(median(runs.stream().map(r -> r.get("value").asDouble()).toList())), runs.get(0).path("unit").asText(),
                runs.size())));
        out.append('\n');
    }

    private static Map<String, List<JsonNode>> group(List<JsonNode> results, String kind) {
        Map<String, List<JsonNode>> byLabel = new LinkedHashMap<>();
        results.stream().filter(r -> kind.equals(r.path("kind").asText()))
                .forEach(r -> byLabel.computeIfAbsent(r.get("label").asText(), k -> new ArrayList<>()).add(r));
        return byLabel;
    }

    private static double linesPerSecond(JsonNode run) {
        return run.get("lines").asDouble() / run.get("seconds").asDouble();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.2f", value);
    }
}
