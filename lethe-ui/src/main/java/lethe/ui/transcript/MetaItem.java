package lethe.ui.transcript;

/** A labelled fact in the transcript's side panel; {@code code} values are shown in monospace. */
public record MetaItem(String label, String value, boolean code) {
}
