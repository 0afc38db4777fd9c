package lethe.config;

/** A configuration lethe refuses to start with; the message starts with {@code CONFIG_INVALID} and names the key. */
public class ConfigInvalidException extends RuntimeException {

    public ConfigInvalidException(String message) {
        super("CONFIG_INVALID: " + message);
    }
}
