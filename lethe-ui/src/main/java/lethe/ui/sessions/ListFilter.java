package lethe.ui.sessions;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The list's filters as the form shows them and as links carry them along. */
public record ListFilter(String owner, String tool, String host, String project, String file, LocalDate from,
                         LocalDate to) {

    /** True when anything narrows the list (the owner choice is not a narrowing). */
    public boolean active() {
        return tool != null || host != null || project != null || file != null || from != null || to != null;
    }

    public Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("owner", owner);
        query.put("tool", tool);
        query.put("host", host);
        query.put("project", project);
        query.put("file", file);
        query.put("from", from == null ? null : from.toString());
        query.put("to", to == null ? null : to.toString());
        return query;
    }
}
