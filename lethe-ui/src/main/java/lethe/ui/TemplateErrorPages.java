package lethe.ui;

import lethe.ui.web.Pages;

import java.util.HashMap;
import java.util.Map;

/**
 * Error pages in the same frame as every other page, so that a browser never sees JSON or a stack trace.
 * They know nothing of the viewer: a 401 page is shown to someone who is not signed in.
 */
public class TemplateErrorPages implements ErrorPages {

    private final Pages pages;

    public TemplateErrorPages(Pages pages) {
        this.pages = pages;
    }

    @Override
    public String render(int status, String title, String detail, String errorId) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("heading", title);
        model.put("detail", detail);
        model.put("errorId", errorId);
        return pages.renderToString("error", pages.layout(status + " " + title, null, null, ""), model);
    }
}
