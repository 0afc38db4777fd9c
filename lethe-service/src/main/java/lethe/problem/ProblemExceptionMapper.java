package lethe.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import lethe.api.ProblemCode;
import lethe.db.DatabaseFailures;
import lethe.ui.web.PageProblem;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The one mapper for everything a resource (API or page) can throw. Dropwizard's default mappers are
 * switched off so that Jackson, validation and Jersey errors all come out as problems, written by the
 * {@link ProblemWriter} like every other error; server errors are logged once, under an id the client also
 * sees, and never leak a stack trace or SQL.
 */
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionMapper.class);

    private final ProblemWriter writer;

    @Context
    private UriInfo uriInfo;

    @Context
    private HttpHeaders headers;

    @Context
    private Request request;

    public ProblemExceptionMapper(ProblemWriter writer) {
        this.writer = writer;
    }

    /**
     * A refused request's body may be left unread, and Jetty then closes the connection; saying so in
     * the response stops a client from sending its next request down a connection about to close.
     */
    @Override
    public Response toResponse(Throwable exception) {
        Response response = problemFor(exception);
        if (request != null && ProblemWriter.mayCarryBody(request.getMethod())) {
            return Response.fromResponse(response).header("Connection", "close").build();
        }
        return response;
    }

    private Response problemFor(Throwable exception) {
        String path = uriInfo == null ? "/" : uriInfo.getPath().startsWith("/") ? uriInfo.getPath() : "/" + uriInfo.getPath();
        Problems responses = new Problems(writer, path, headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT));
        if (exception instanceof ProblemException problem) {
            int status = problem.getResponse().getStatus();
            String errorId = status >= 500 ? logExpectedFailure(problem) : null;
            return responses.build(problem.code(), status, problem.getMessage(), errorId, problem.line(),
                    problem.getResponse().getHeaders());
        }
        if (exception instanceof PageProblem page) {
            int status = page.getResponse().getStatus();
            return responses.build(ProblemWriter.codeFor(status), status, page.getMessage(), null, null, null);
        }
        if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String errorId = status >= 500 ? logServerError(web) : null;
            return responses.build(ProblemWriter.codeFor(status), status,
                    ProblemWriter.defaultDetail(status), errorId, null, web.getResponse().getHeaders());
        }
        if (exception instanceof JsonProcessingException json) {
            return responses.build(ProblemCode.INVALID, 400,
                    "The body is not valid JSON for this request: " + SafeText.withoutCodeNames(json.getOriginalMessage()), null, null, null);
        }
        if (exception instanceof ConstraintViolationException violations) {
            return responses.build(ProblemCode.INVALID, 400, violations.getMessage(), null, null, null);
        }
        if (causedBy(exception, TimeoutException.class)) {
            return responses.build(ProblemCode.REQUEST_TIMEOUT, 408,
                    "The request body arrived too slowly (request_limits.min_body_bytes_per_second, "
                            + "request_limits.body_idle_timeout).", null, null, null);
        }
        if (exception instanceof EofException) {
            return responses.build(ProblemCode.INVALID, 400, "The request body ended early.", null, null, null);
        }
        if (DatabaseFailures.isUnavailable(exception)) {
            String errorId = logServerError(exception);
            return responses.build(ProblemCode.DB_UNAVAILABLE, 503,
                    "The database cannot take this request now (" + DatabaseFailures.reason(exception) + "); retry later.",
                    errorId, null, null);
        }
        String errorId = logServerError(exception);
        return responses.build(ProblemCode.INTERNAL, 500,
                "The server failed to handle the request; it was logged under error_id " + errorId + ".",
                errorId, null, null);
    }

    /** The writer bound to the request at hand. */
    private record Problems(ProblemWriter writer, String path, String accept) {

        Response build(ProblemCode code, int status, String detail, String errorId, Long line,
                       MultivaluedMap<String, Object> originalHeaders) {
            return writer.response(path, accept, code, status, detail, errorId, line, originalHeaders);
        }
    }

    private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A failure lethe raised on purpose (a provider down, a limit): its message says it all, no stack needed. */
    private static String logExpectedFailure(ProblemException problem) {
        String errorId = UUID.randomUUID().toString();
        LOG.warn("request refused with {}, error_id={}: {}", problem.code(), errorId, problem.getMessage());
        return errorId;
    }

    private static String logServerError(Throwable exception) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("request failed, error_id={}", errorId, SafeText.forLog(exception));
        return errorId;
    }
}
