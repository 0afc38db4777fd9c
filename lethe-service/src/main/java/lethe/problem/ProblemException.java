package lethe.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;

/**
 * A failure the client should hear about, with a {@link ProblemCode} and a sentence that says what to fix.
 * Being a {@link WebApplicationException}, it passes through Dropwizard's auth chain unchanged.
 */
public class ProblemException extends WebApplicationException {

    private final ProblemCode code;
    private final Long line;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, null, null);
    }

    public ProblemException(ProblemCode code, String detail, Long line, Response response) {
        super(detail, response != null ? response : Response.status(code.status()).build());
        this.code = code;
        this.line = line;
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(ProblemCode.INVALID, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemCode.NOT_FOUND, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemCode.FORBIDDEN, detail);
    }

    public ProblemCode code() {
        return code;
    }

    public Long line() {
        return line;
    }
}
