package lethe.ui.search;

import java.util.LinkedHashMap;
import java.util.Map;

/** The search as the form shows it and as links carry it along. {@code text} is null before anything was typed. */
public record SearchForm(String text, String owner, String tool, String host, String project, String role, String file) {

    public Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", text);
        query.put("owner", owner);
        query.put("tool", tool);
        query.put("host", host);
        query.put("project", project);
        query.put("role", role);
        query.put("file", file);
        return query;
    }
}
