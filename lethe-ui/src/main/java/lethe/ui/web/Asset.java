package lethe.ui.web;

/** A static file served from the jar under a name that changes whenever its bytes do. */
public record Asset(String name, String mediaType, byte[] bytes, String etag) {
}
