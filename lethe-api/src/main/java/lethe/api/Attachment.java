package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An image sent with a turn (ingest side).
 *
 * @param mediaType  one of {@link WireRules#ATTACHMENT_MEDIA_TYPES}
 * @param data       the bytes, base64 (standard alphabet)
 * @param name       optional file name, for display only
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(
        @JsonProperty("media_type") String mediaType,
        @JsonProperty("data") String data,
        @JsonProperty("name") String name) {
}
