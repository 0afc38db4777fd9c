package lethe.ui.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A to-do list call as its items: Claude Code's and opencode's {@code todos} ({@code content}, {@code status}),
 * Gemini's ({@code description}) and Codex's {@code update_plan} ({@code plan} of {@code step}, {@code status}).
 */
public final class Todos {

    public enum State {
        DONE("done"), ACTIVE("in progress"), PENDING("to do"), CANCELLED("cancelled");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static State of(Object status) {
            String value = status == null ? "" : status.toString().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "completed", "complete", "done" -> DONE;
                case "in_progress", "in-progress", "active", "running" -> ACTIVE;
                case "cancelled", "canceled", "skipped" -> CANCELLED;
                default -> PENDING;
            };
        }
    }

    public record Item(String text, State state) {
    }

    private Todos() {
    }

    public static List<Item> of(Call call) {
        List<?> entries = call.list("todos");
        if (entries.isEmpty()) {
            entries = call.list("plan");
        }
        List<Item> items = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> fields) {
                Object text = first(fields, "content", "step", "description", "title", "text");
                if (text != null) {
                    items.add(new Item(text.toString(), State.of(fields.get("status"))));
                }
            }
        }
        return items;
    }

    private static Object first(Map<?, ?> fields, String... keys) {
        for (String key : keys) {
            if (fields.get(key) != null) {
                return fields.get(key);
            }
        }
        return null;
    }
}
