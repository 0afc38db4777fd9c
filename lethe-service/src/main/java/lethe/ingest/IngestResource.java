package lethe.ingest;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import lethe.api.IngestResult;
import lethe.api.ProblemCode;
import lethe.auth.LetheUser;
import lethe.problem.ProblemException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * {@code POST /api/v1/ingest}: NDJSON turns from a collector, stored under the caller. Gzip bodies are
 * inflated here by {@link GzipBody}, not by Jetty (see {@link OwnGzipDecoding}), so that a damaged one is
 * refused whole.
 */
@Path(IngestResource.PATH)
@PermitAll
public class IngestResource {

    public static final String PATH = "/api/v1/ingest";

    public static final String NDJSON = "application/x-ndjson";

    private final IngestService ingest;

    public IngestResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public IngestResult ingest(@Auth LetheUser user,
                               @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                               InputStream body) throws IOException {
        try (InputStream decoded = decode(body, contentEncoding)) {
            return ingest.ingest(user.name(), decoded);
        } catch (ZipException e) {
            throw invalidGzip(e);
        } catch (EOFException e) {
            if (isGzip(contentEncoding)) {
                throw ProblemException.invalid("The gzip body is cut short: it ends inside a gzip member; nothing was stored.");
            }
            throw e;
        }
    }

    private static boolean isGzip(String contentEncoding) {
        return "gzip".equalsIgnoreCase(contentEncoding) || "x-gzip".equalsIgnoreCase(contentEncoding);
    }

    private static ProblemException invalidGzip(ZipException e) {
        return ProblemException.invalid("The body is not valid gzip (RFC 1952): " + e.getMessage() + "; nothing was stored.");
    }

    private static InputStream decode(InputStream body, String contentEncoding) throws IOException {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (isGzip(contentEncoding)) {
            return new GzipBody(body);
        }
        throw new ProblemException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Encoding '" + contentEncoding + "' is not supported; send identity or gzip.");
    }
}
