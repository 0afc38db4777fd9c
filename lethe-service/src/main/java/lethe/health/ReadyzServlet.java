package lethe.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness: runs every registered health check at once and answers within a fixed budget, 200 with
 * {@code {"checks":{...}}} when all pass, 503 naming the failing ones otherwise. A check that has not
 * answered when the budget runs out counts as failing, so a hung database never hangs the probe.
 */
public class ReadyzServlet extends HttpServlet {

    public static final String PATH = "/readyz";

    private final HealthCheckRegistry checks;
    private final ExecutorService executor;
    private final Duration budget;
    private final ObjectMapper mapper;

    public ReadyzServlet(HealthCheckRegistry checks, ExecutorService executor, Duration budget, ObjectMapper mapper) {
        this.checks = checks;
        this.executor = executor;
        this.budget = budget;
        this.mapper = mapper;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, HealthCheck.Result> results = runAll();
        ObjectNode body = mapper.createObjectNode();
        ObjectNode checksNode = body.putObject("checks");
        List<String> failing = new ArrayList<>();
        results.forEach((name, result) -> {
            ObjectNode check = checksNode.putObject(name);
            check.put("healthy", result.isHealthy());
            if (result.getMessage() != null) {
                check.put("message", result.getMessage());
            }
            if (!result.isHealthy()) {
                failing.add(name);
            }
        });
        if (!failing.isEmpty()) {
            body.putPOJO("failing", failing);
        }
        response.setStatus(failing.isEmpty() ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), body);
    }

    private Map<String, HealthCheck.Result> runAll() {
        Map<String, Future<HealthCheck.Result>> running = new LinkedHashMap<>();
        Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
        for (String name : checks.getNames()) {
            try {
                running.put(name, executor.submit(() -> checks.runHealthCheck(name)));
            } catch (RejectedExecutionException e) {
                results.put(name, HealthCheck.Result.unhealthy("too many readiness probes at once"));
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        running.forEach((name, future) -> results.put(name, await(future, deadline)));
        return results;
    }

    private HealthCheck.Result await(Future<HealthCheck.Result> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return HealthCheck.Result.unhealthy("no answer within " + budget.toSeconds() + " s");
        } catch (ExecutionException e) {
            return HealthCheck.Result.unhealthy(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheck.Result.unhealthy("interrupted");
        }
    }
}
