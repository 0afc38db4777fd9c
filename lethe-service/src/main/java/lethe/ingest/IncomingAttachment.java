package lethe.ingest;

/** An attachment checked and decoded by the parser: its type agrees with its bytes and it is within the limit. */
record IncomingAttachment(String mediaType, String name, byte[] data) {
}
