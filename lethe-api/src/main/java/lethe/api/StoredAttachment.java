package lethe.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An attachment as the read API lists it on a turn: its bytes are not inline but served at {@code url}
 * (a path under the session, readable by its owner and admins only).
 *
 * @param index      the attachment's position on its turn, from 0
 * @param mediaType  the stored image type, also the type it is served with
 * @param name       the name the collector gave, if any
 * @param bytes      decoded size
 * @param url        the path to fetch the bytes from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredAttachment(
        @JsonProperty("index") int index,
        @JsonProperty("media_type") String mediaType,
        @JsonProperty("name") String name,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("url") String url) {
}
