package lethe.files;

/** A stored turn's tool call, as the back-fill reads it. */
public record StoredCall(long id, long sessionPk, String turnId, String toolCallName, String toolCallInput) {
}
