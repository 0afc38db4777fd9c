package lethe.ui.format;

/**
 * A moment as a page shows it: {@code text} for reading, {@code exact} for the tooltip, {@code iso} for
 * the {@code <time datetime>} attribute.
 */
public record TimeText(String text, String exact, String iso) {
}
