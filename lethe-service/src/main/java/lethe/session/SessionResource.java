package lethe.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import lethe.api.Attachment;
import lethe.api.SessionPage;
import lethe.auth.LetheUser;
import lethe.files.FileFilter;
import lethe.export.SessionExport;
import lethe.ingest.IngestResource;
import lethe.problem.ProblemException;
import lethe.session.delete.DeletionResource;
import lethe.session.delete.SessionDeletion;

import java.util.Base64;

/** {@code GET /api/v1/sessions}, one session with its turns, its attachments, its exports, and its deletion. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class SessionResource {

    private final SessionService sessions;
    private final SessionExport export;
    private final SessionDeletion deletion;
    private final SessionDetailJson detailJson;

    public SessionResource(SessionService sessions, SessionExport export, SessionDeletion deletion, ObjectMapper mapper) {
        this.sessions = sessions;
        this.detailJson = new SessionDetailJson(mapper, sessions);
        this.export = export;
        this.deletion = deletion;
    }

    @GET
    public SessionPage list(@Auth LetheUser user,
                            @QueryParam("owner") String owner,
                            @QueryParam("tool") String tool,
                            @QueryParam("host") String host,
                            @QueryParam("project") String project,
                            @QueryParam("subagents") String subagents,
                            @QueryParam("since") String since,
                            @QueryParam("until") String until,
                            @QueryParam("file") String file,
                            @QueryParam("limit") String limit,
                            @QueryParam("offset") String offset) {
        return sessions.list(new SessionQuery(
                SessionParams.owner(user, owner),
                SessionParams.filter("tool", tool),
                SessionParams.filter("host", host),
                SessionParams.project(project),
                SessionParams.excludeSubagents(subagents),
                SessionParams.time("since", since),
                SessionParams.time("until", until),
                FileFilter.parse(file),
                SessionParams.limit(limit),
                SessionParams.offset(offset)));
    }

    /**
     * Someone else's session is a 404 exactly like a missing one: its existence is private too. The body
     * is a {@link lethe.api.SessionDetail}, written as its turns are read.
     */
    @GET
    @Path("/{tool}/{host}/{session_id}")
    public Response get(@Auth LetheUser user,
                        @PathParam("tool") String tool,
                        @PathParam("host") String host,
                        @PathParam("session_id") String sessionId,
                        @QueryParam("owner") String owner) {
        return Response.ok(detailJson.of(open(user, tool, host, sessionId, owner)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Deletes the session for good (SPEC §15); 204, or 404 when there is no such session of the owner's,
     * which makes a second delete a 404 too. Local mode's CSRF guard refuses a cross-site DELETE first.
     */
    @DELETE
    @Path("/{tool}/{host}/{session_id}")
    public Response delete(@Auth LetheUser user,
                           @PathParam("tool") String tool,
                           @PathParam("host") String host,
                           @PathParam("session_id") String sessionId,
                           @QueryParam("owner") String owner) {
        if (!deletion.delete(DeletionResource.oneOwner(user, owner), tool, host, sessionId)) {
            throw ProblemException.notFound("No such session.");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{tool}/{host}/{session_id}/export.md")
    @Produces("text/markdown; charset=utf-8")
    public Response exportMarkdown(@Auth LetheUser user,
                                   @PathParam("tool") String tool,
                                   @PathParam("host") String host,
                                   @PathParam("session_id") String sessionId,
                                   @QueryParam("owner") String owner) {
        SessionService.Found found = open(user, tool, host, sessionId, owner);
        return export.markdown(found.session(), found.subagents(), turns(found));
    }

    @GET
    @Path("/{tool}/{host}/{session_id}/export.ndjson")
    @Produces(IngestResource.NDJSON)
    public Response exportNdjson(@Auth LetheUser user,
                                 @PathParam("tool") String tool,
                                 @PathParam("host") String host,
                                 @PathParam("session_id") String sessionId,
                                 @QueryParam("owner") String owner) {
        String scope = oneOwner(user, owner);
        SessionService.Found found = open(user, tool, host, sessionId, owner);
        return export.ndjson(found.session(), turns(found), (turn, stored) -> sessions
                .attachment(scope, tool, host, sessionId, turn.turnId(), stored.index())
                .map(file -> new Attachment(file.mediaType(), Base64.getEncoder().encodeToString(file.data()), file.name()))
                .orElseThrow(() -> new IllegalStateException("an attachment listed a moment ago is gone")));
    }

    /**
     * An attachment's bytes, for the session's owner (and an admin naming the owner) only. They are served
     * as the image type their bytes were checked to be, and with headers that keep a browser from ever
     * treating them as anything else: no sniffing, a sandbox with nothing allowed, shown inline.
     */
    @GET
    @Path("/{tool}/{host}/{session_id}/attachments/{turn}/{index}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@Auth LetheUser user,
                               @PathParam("tool") String tool,
                               @PathParam("host") String host,
                               @PathParam("session_id") String sessionId,
                               @PathParam("turn") String turn,
                               @PathParam("index") String index,
                               @QueryParam("owner") String owner) {
        String scope = oneOwner(user, owner);
        AttachmentFile file = AttachmentUrls.turnId(turn)
                .filter(turnId -> index.matches("\\d{1,4}"))
                .flatMap(turnId -> sessions.attachment(scope, tool, host, sessionId, turnId, Integer.parseInt(index)))
                .orElseThrow(() -> ProblemException.notFound("No such attachment."));
        return Response.ok(file.data(), file.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Content-Disposition", "inline; filename=\"" + AttachmentNames.safe(file, Integer.parseInt(index)) + "\"")
                .header("Cache-Control", "private, no-cache")
                .build();
    }

    /** The session's turns for an export, read a batch at a time as the export writes them. */
    private SessionExport.TurnStream turns(SessionService.Found found) {
        return consumer -> sessions.streamTurns(found, 0, turn -> {
            consumer.accept(turn);
            return true;
        });
    }

    private SessionService.Found open(LetheUser user, String tool, String host, String sessionId, String owner) {
        return sessions.open(oneOwner(user, owner), tool, host, sessionId)
                .orElseThrow(() -> ProblemException.notFound("No such session."));
    }

    private static String oneOwner(LetheUser user, String owner) {
        String scope = SessionParams.owner(user, owner);
        if (scope == null) {
            throw ProblemException.invalid("owner=* is for lists; name one owner to read a session.");
        }
        return scope;
    }
}
