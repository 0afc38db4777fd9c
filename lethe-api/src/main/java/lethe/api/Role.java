package lethe.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** Who spoke a turn. */
public enum Role {
    USER, ASSISTANT, SYSTEM, TOOL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named exactly as on the wire, or empty for anything else. */
    public static Optional<Role> fromWire(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static Role parse(String name) {
        return fromWire(name).orElseThrow(() -> new IllegalArgumentException("unknown role: " + name));
    }
}
