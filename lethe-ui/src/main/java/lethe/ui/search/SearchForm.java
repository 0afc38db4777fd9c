package lethe.ui.search;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search as the form shows it and as links carry it along. {@code text} is null before anything was
 * typed; {@code session} ({@code tool/host/session_id}) is set when the page lists one session's hits.
 */
public record SearchForm(String text, String owner, String tool, String host, String session, String project,
                         LocalDate from, LocalDate to, String role, String kind, String file) {

    public Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", text);
        query.put("owner", owner);
        query.put("tool", tool);
        query.put("host", host);
        query.put("session", session);
        query.put("project", project);
        query.put("from", from == null ? null : from.toString());
        query.put("to", to == null ? null : to.toString());
        query.put("role", role);
        query.put("kind", kind);
        query.put("file", file);
        return query;
    }
}
