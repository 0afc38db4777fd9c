package lethe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import lethe.api.Session;
import lethe.api.SessionDetail;
import lethe.api.Turn;
import lethe.api.TurnEvent;
import lethe.auth.LetheUser;
import lethe.ingest.IngestResource;
import lethe.problem.ProblemException;
import lethe.session.SessionParams;
import lethe.session.SessionService;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * A session downloaded as Markdown (to read or paste) or as NDJSON (the turns as they would be ingested,
 * the merged meta on the first line), which a collector can send to another lethe unchanged.
 */
@Path("/api/v1/sessions/{tool}/{host}/{session_id}")
@PermitAll
public class SessionExportResource {

    private final SessionService sessions;
    private final ObjectWriter lineWriter;

    public SessionExportResource(SessionService sessions, ObjectMapper mapper) {
        this.sessions = sessions;
        this.lineWriter = mapper.writerFor(TurnEvent.class);
    }

    @GET
    @Path("/export.md")
    @Produces("text/markdown; charset=utf-8")
    public Response markdown(@Auth LetheUser user, @PathParam("tool") String tool, @PathParam("host") String host,
                             @PathParam("session_id") String sessionId, @QueryParam("owner") String owner) {
        SessionDetail detail = find(user, tool, host, sessionId, owner);
        return attachment(MarkdownExport.render(detail), sessionId + ".md");
    }

    @GET
    @Path("/export.ndjson")
    @Produces(IngestResource.NDJSON)
    public Response ndjson(@Auth LetheUser user, @PathParam("tool") String tool, @PathParam("host") String host,
                           @PathParam("session_id") String sessionId, @QueryParam("owner") String owner) {
        SessionDetail detail = find(user, tool, host, sessionId, owner);
        Session session = detail.session();
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            boolean first = true;
            for (Turn turn : detail.turns()) {
                TurnEvent event = new TurnEvent(session.tool(), session.host(), session.sessionId(), turn.turnId(),
                        turn.seq(), turn.role(), turn.timestamp(), turn.content(),
                        first && !session.meta().isEmpty() ? session.meta() : null,
                        turn.model(), turn.usage(), turn.kind(), turn.toolName());
                writer.write(lineWriter.writeValueAsString(event));
                writer.write('\n');
                first = false;
            }
            writer.flush();
        };
        return attachment(body, sessionId + ".ndjson");
    }

    private SessionDetail find(LetheUser user, String tool, String host, String sessionId, String owner) {
        String scope = SessionParams.owner(user, owner);
        if (scope == null) {
            throw ProblemException.invalid("owner=* is for lists; name one owner to export a session.");
        }
        return sessions.find(scope, tool, host, sessionId).orElseThrow(() -> ProblemException.notFound("No such session."));
    }

    private static Response attachment(Object entity, String fileName) {
        String safeName = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(entity).header("Content-Disposition", "attachment; filename=\"" + safeName + "\"").build();
    }
}
