package lethe.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import lethe.ingest.IngestResource;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Times every Jersey resource method, labelled by resource, HTTP method and status, without each
 * resource having to carry {@code @Timed}. Requests that matched no resource (404s) are not timed:
 * their paths are whatever a client typed and would make the label set unbounded.
 */
final class ResourceTimings implements ApplicationEventListener {

    private final Histogram duration;
    private final IngestMetrics ingest;

    ResourceTimings(PrometheusRegistry registry, IngestMetrics ingest) {
        this.ingest = ingest;
        this.duration = Histogram.builder()
                .name("lethe_http_request_duration_seconds")
                .help("Time Jersey spent on a request, by resource method (Class.method), HTTP method and status")
                .unit(Unit.SECONDS)
                .labelNames("resource", "method", "status")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
    }

    String prometheusName() {
        return duration.getPrometheusName();
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // only requests are timed
    }

    @Override
    public RequestEventListener onRequest(RequestEvent started) {
        long start = System.nanoTime();
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                finished(event, (System.nanoTime() - start) / 1e9);
            }
        };
    }

    private void finished(RequestEvent event, double seconds) {
        ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
        if (method == null) {
            return;
        }
        ContainerResponse response = event.getContainerResponse();
        int status = response != null ? response.getStatus() : 500;
        Class<?> resource = method.getInvocable().getHandler().getHandlerClass();
        duration.labelValues(resource.getSimpleName() + "." + method.getInvocable().getDefinitionMethod().getName(),
                event.getContainerRequest().getMethod(), Integer.toString(status)).observe(seconds);
        if (resource == IngestResource.class) {
            ingest.answered(status, seconds);
        }
    }
}
