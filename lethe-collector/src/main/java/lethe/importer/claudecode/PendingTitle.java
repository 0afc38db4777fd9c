package lethe.importer.claudecode;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A title read from a {@code summary} line, waiting to be attached to the session that holds its leaf
 * turn. Such a line carries no session id, and its leaf is often in another file of the same project
 * (Claude Code writes the summaries of earlier conversations at the top of a resumed one).
 *
 * @param projectDir the directory searched for the leaf
 */
public record PendingTitle(
        @JsonProperty("leaf_uuid") String leafUuid,
        @JsonProperty("title") String title,
        @JsonProperty("project_dir") String projectDir) {
}
