package lethe.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.Map;

/** A session's stored {@code meta} column (always a JSON object written by lethe) read back as a map. */
public final class MetaJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private MetaJson() {
    }

    public static Map<String, Object> parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
