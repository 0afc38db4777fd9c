package lethe.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import lethe.api.WireRules;

/** {@code ingest:} — the limits that keep one request from exhausting memory. */
public class IngestConfig {

    @Min(1024)
    @JsonProperty("max_body_bytes")
    private long maxBodyBytes = 64L * 1024 * 1024;

    @Min(1024)
    @Max(Integer.MAX_VALUE - 16)
    @JsonProperty("max_line_bytes")
    private int maxLineBytes = 8 * 1024 * 1024;

    @Min(1)
    @JsonProperty("max_lines")
    private int maxLines = 100_000;

    /** Keys in one {@code session_meta} and in a session's merged meta, nested ones included. */
    @Min(1)
    @Max(1_000_000)
    @JsonProperty("max_meta_keys")
    private int maxMetaKeys = MetaLimits.DEFAULT.maxKeys();

    /** Levels of objects and arrays in one {@code session_meta}; deep nesting would cost stack, not data. */
    @Min(1)
    @Max(256)
    @JsonProperty("max_meta_depth")
    private int maxMetaDepth = MetaLimits.DEFAULT.maxDepth();

    @Min(2)
    @Max(64 * 1024 * 1024)
    @JsonProperty("max_meta_bytes")
    private int maxMetaBytes = MetaLimits.DEFAULT.maxBytes();

    /** The largest attachment (decoded) a turn may carry; a larger one is a line error. */
    @Min(1)
    @JsonProperty("max_attachment_bytes")
    private long maxAttachmentBytes = WireRules.DEFAULT_MAX_ATTACHMENT_BYTES;

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public int getMaxLineBytes() {
        return maxLineBytes;
    }

    public long getMaxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    public int getMaxLines() {
        return maxLines;
    }

    public MetaLimits metaLimits() {
        return new MetaLimits(maxMetaKeys, maxMetaDepth, maxMetaBytes);
    }
}
