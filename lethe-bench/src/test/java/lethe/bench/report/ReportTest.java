package lethe.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import lethe.bench.Results;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    /** The lines {@code run.sh}'s closed_loop_reads records through {@code record}, as a results file holds them. */
    private static List<JsonNode> results(String... lines) throws Exception {
        List<JsonNode> results = new ArrayList<>();
        for (String line : lines) {
            results.add(Results.JSON.readTree(line));
        }
        return results;
    }

    @Test
    void wrksFiguresStandInOneRowARead_withBothPhasesAndWhetherEachP99IsWithinTheGoal() throws Exception {
        String tables = Report.tables(results(
                """
                {"kind":"closed_loop_read","label":"first page","phase":"idle","p50_ms":1.4,"p99_ms":4.29,"goal_p99_ms":5.0}""",
                """
                {"kind":"closed_loop_read","label":"who am I","phase":"idle","p50_ms":0.12,"p99_ms":1.6}""",
                """
                {"kind":"closed_loop_read","label":"first page","phase":"under ingest","p50_ms":1.64,"p99_ms":6.08,"goal_p99_ms":5.0}""",
                """
                {"kind":"closed_loop_read","label":"who am I","phase":"under ingest","p50_ms":0.22,"p99_ms":3.83}"""),
                null);

        assertThat(tables).contains(
                "| read (wrk, 1 connection) | idle p50 / p99 ms | under ingest p50 / p99 ms | goal p99 ms | within it |",
                "| first page | 1.40 / 4.29 | 1.64 / 6.08 | 5 | no: under ingest |",
                "| who am I | 0.12 / 1.60 | 0.22 / 3.83 | | |");
    }

    @Test
    void aReadWithinItsGoalInEveryPhaseSaysSo() throws Exception {
        String tables = Report.tables(results(
                """
                {"kind":"closed_loop_read","label":"one session","phase":"idle","p50_ms":24.7,"p99_ms":37.3,"goal_p99_ms":50.0}""",
                """
                {"kind":"closed_loop_read","label":"one session","phase":"under ingest","p50_ms":31.1,"p99_ms":50.0,"goal_p99_ms":50.0}"""),
                null);

        assertThat(tables).contains("| one session | 24.70 / 37.30 | 31.10 / 50.00 | 50 | yes |");
    }
}
