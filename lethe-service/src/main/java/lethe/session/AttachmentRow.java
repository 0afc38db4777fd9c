package lethe.session;

/** An attachment as a transcript lists it: which turn (by row key), where on it, what it is; not its bytes. */
public record AttachmentRow(long turnPk, int position, String mediaType, String name, long byteCount) {
}
