package lethe.ui.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import lethe.ui.Viewer;

import java.util.HashMap;
import java.util.Map;

/** Renders a page in the shared frame and wraps it in a response that no cache keeps. */
public final class Pages {

    public static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private final Templates templates;
    private final Assets assets;

    public Pages(Templates templates, Assets assets) {
        this.templates = templates;
        this.assets = assets;
    }

    public Response render(String template, String title, String nav, Viewer viewer, UriInfo uri,
                           Map<String, Object> model) {
        String html = renderToString(template, layout(title, nav, viewer, basePath(uri)), model);
        // Transcripts are private: keep them out of shared caches and off the disk of a shared machine.
        return Response.ok(html, HTML).header("Cache-Control", "no-store").build();
    }

    public String renderToString(String template, Layout layout, Map<String, Object> model) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("layout", layout);
        return templates.render(template, variables);
    }

    public Layout layout(String title, String nav, Viewer viewer, String base) {
        return new Layout(title, nav, viewer, base, base + assets.stylesheetPath(), base + assets.iconPath());
    }

    /** Where Jersey is mounted, e.g. "" or "/lethe": links are built on it. */
    public static String basePath(UriInfo uri) {
        String path = uri.getBaseUri().getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
