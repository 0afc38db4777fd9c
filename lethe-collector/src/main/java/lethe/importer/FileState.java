package lethe.importer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far one source file has been imported: everything before {@code offset} (the first {@code lines}
 * lines) is acknowledged by the server.
 *
 * @param fileKey    the file system's identity of the file (device and inode on Linux), when it has one
 * @param modifiedMs the file's modification time when it was last read, to skip unchanged files cheaply
 * @param headSha256 digest of the file's first {@link FileHead#LENGTH} bytes read so far, to notice a file
 *                   replaced by another one of at least the same size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileState(
        @JsonProperty("file_key") String fileKey,
        @JsonProperty("modified_ms") long modifiedMs,
        @JsonProperty("offset") long offset,
        @JsonProperty("lines") long lines,
        @JsonProperty("head_sha256") String headSha256) {
}
