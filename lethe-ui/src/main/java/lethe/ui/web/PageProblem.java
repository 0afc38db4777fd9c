package lethe.ui.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A page that cannot be shown, with a sentence for the person who asked: the application's one error
 * writer renders it like every other error (an HTML page for a browser). The detail must be text we
 * wrote, never something echoed from input.
 */
public class PageProblem extends WebApplicationException {

    private final String title;

    public PageProblem(int status, String title, String detail) {
        super(detail, Response.status(status).build());
        this.title = title;
    }

    public static PageProblem invalid(String detail) {
        return new PageProblem(400, "Invalid request", detail);
    }

    public static PageProblem forbidden(String detail) {
        return new PageProblem(403, "Forbidden", detail);
    }

    public static PageProblem notFound(String detail) {
        return new PageProblem(404, "Not found", detail);
    }

    public String title() {
        return title;
    }
}
