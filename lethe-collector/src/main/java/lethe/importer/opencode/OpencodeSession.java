package lethe.importer.opencode;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An opencode session as read from its database or its legacy JSON tree, with its messages in order
 * (creation time, then id) and each message's parts in order (id: opencode's ids grow with time).
 */
record OpencodeSession(String id, String parentId, String directory, String title, String version, double created,
                       String sourceLabel, List<Message> messages) {

    /** A message's own fields ({@code role}, {@code time}, {@code modelID}, {@code tokens}…) and its parts. */
    record Message(String id, JsonNode info, List<Part> parts) {
    }

    /** A part: its id and its fields ({@code type}, {@code text}, {@code state}…). */
    record Part(String id, JsonNode data) {
    }
}
