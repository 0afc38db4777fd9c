package lethe.ui.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import lethe.ui.ErrorPages;

/**
 * Renders the pages' own refusals (a malformed filter, an owner a non-admin may not name, a session that
 * is not theirs) with the detail that says what to fix. Jersey prefers this mapper to the service's
 * catch-all for {@link PageProblem}, being the closer match.
 */
public class PageProblemMapper implements ExceptionMapper<PageProblem> {

    private final ErrorPages errorPages;

    public PageProblemMapper(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @Override
    public Response toResponse(PageProblem problem) {
        int status = problem.getResponse().getStatus();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(errorPages.render(status, problem.title(), problem.getMessage(), null))
                .build();
    }
}
