package lethe.api.client;

import java.io.IOException;

/**
 * Reads the JSON bodies lethe answers with into the records of {@code lethe.api}.
 *
 * <p>{@code lethe-api} depends on Jackson's annotations only, so that a collector is free to choose its
 * JSON library; the client asks for this one method instead. With jackson-databind on the classpath it is
 * {@code (json, type) -> objectMapper.readValue(json, type)}.
 */
@FunctionalInterface
public interface JsonCodec {

    <T> T read(byte[] json, Class<T> type) throws IOException;
}
