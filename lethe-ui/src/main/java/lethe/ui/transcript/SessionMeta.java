package lethe.ui.transcript;

import lethe.api.Session;
import lethe.api.Turn;
import lethe.api.Usage;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.markdown.DirectionControls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The side panel's facts about a session: where it ran (source file, working directory, branch), which
 * models answered, token totals, and any other meta a collector sent, under its own key.
 */
final class SessionMeta {

    /** Meta keys shown first, under a readable label; collectors spell some of them differently. */
    private static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("source_file", "Source file");
        KNOWN.put("cwd", "Working directory");
        KNOWN.put("project", "Project");
        KNOWN.put("git_branch", "Branch");
        KNOWN.put("gitBranch", "Branch");
        KNOWN.put("branch", "Branch");
        KNOWN.put("version", "Tool version");
    }

    private static final Set<String> NOT_SHOWN = Set.of("title", "model");

    private SessionMeta() {
    }

    static List<MetaItem> facts(Session session, Times times, boolean showOwner) {
        List<MetaItem> items = new ArrayList<>();
        if (showOwner) {
            items.add(new MetaItem("Owner", session.owner(), false));
        }
        items.add(new MetaItem("Tool", session.tool(), false));
        items.add(new MetaItem("Host", session.host(), false));
        items.add(new MetaItem("Session id", session.sessionId(), true));
        if (session.startedAt() != null) {
            items.add(new MetaItem("Started", times.relative(session.startedAt()).exact(), false));
            items.add(new MetaItem("Last activity", times.relative(session.lastActivityAt()).exact(), false));
            String duration = Times.duration(session.startedAt(), session.lastActivityAt());
            items.add(new MetaItem("Duration", duration, false));
        }
        items.add(new MetaItem("Turns", Numbers.exact(session.turnCount()), false));
        return items;
    }

    static List<MetaItem> where(Session session) {
        Map<String, Object> meta = session.meta() == null ? Map.of() : session.meta();
        List<MetaItem> items = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        KNOWN.forEach((key, label) -> {
            Object value = meta.get(key);
            if (shown(value) && labels.add(label)) {
                items.add(new MetaItem(label, text(value), true));
            }
        });
        meta.forEach((key, value) -> {
            if (!KNOWN.containsKey(key) && !NOT_SHOWN.contains(key) && shown(value)) {
                items.add(new MetaItem(DirectionControls.reveal(key), text(value), true));
            }
        });
        return items;
    }

    /** Every model that answered, in order of first appearance; a collector's session-level model too. */
    static List<String> models(Session session, List<Turn> turns) {
        Set<String> models = new LinkedHashSet<>();
        Object declared = session.meta() == null ? null : session.meta().get("model");
        if (declared instanceof String name && !name.isBlank()) {
            models.add(DirectionControls.reveal(name));
        }
        for (Turn turn : turns) {
            if (turn.model() != null && !turn.model().isBlank()) {
                models.add(DirectionControls.reveal(turn.model()));
            }
        }
        return List.copyOf(models);
    }

    static List<MetaItem> tokens(Usage usage) {
        if (usage == null) {
            return List.of();
        }
        List<MetaItem> items = new ArrayList<>();
        add(items, "Input", usage.inputTokens());
        add(items, "Output", usage.outputTokens());
        add(items, "Cache read", usage.cacheReadTokens());
        add(items, "Cache write", usage.cacheWriteTokens());
        return items;
    }

    private static void add(List<MetaItem> items, String label, Long value) {
        if (value != null) {
            items.add(new MetaItem(label, Numbers.exact(value), false));
        }
    }

    /** Nulls and empty strings say nothing (a session outside git has an empty branch). */
    private static boolean shown(Object value) {
        return value != null && !(value instanceof String text && text.isBlank());
    }

    private static String text(Object value) {
        return DirectionControls.reveal(String.valueOf(value));
    }
}
