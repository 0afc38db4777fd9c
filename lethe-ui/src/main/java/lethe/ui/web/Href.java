package lethe.ui.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the pages' links: path segments and query values are percent-encoded, empty values left out. */
public final class Href {

    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();

    private Href(String path) {
        this.path = path;
    }

    public static Href to(String base, String path) {
        return new Href(base + path);
    }

    /** {@code /sessions/{tool}/{host}/{id}} with each segment encoded. */
    public static Href session(String base, String tool, String host, String sessionId) {
        return new Href(base + "/sessions/" + segment(tool) + "/" + segment(host) + "/" + segment(sessionId));
    }

    public Href with(String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            query.put(name, value.toString());
        } else {
            query.remove(name);
        }
        return this;
    }

    public Href withAll(Map<String, String> values) {
        values.forEach(this::with);
        return this;
    }

    @Override
    public String toString() {
        if (query.isEmpty()) {
            return path;
        }
        StringJoiner joined = new StringJoiner("&", path + "?", "");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
