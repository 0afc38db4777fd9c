package lethe.session;

/** An attachment's bytes with the type they were checked to be and the name the collector gave. */
public record AttachmentFile(String mediaType, String name, byte[] data) {
}
