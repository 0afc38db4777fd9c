package lethe.importer;

import lethe.api.WireRules;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code host} turns are sent with by default: this machine's name, made fit for a URL segment. */
public final class HostName {

    private static final Pattern UNSAFE_CHARS = Pattern.compile("[^" + WireRules.SAFE_ID_CHARACTERS + "]");

    private HostName() {
    }

    /**
     * Reads the name without a DNS lookup where it can ({@code /etc/hostname}, {@code $HOSTNAME},
     * {@code %COMPUTERNAME%}): a machine with broken name resolution should not make the importer hang.
     */
    public static String local(Map<String, String> environment) {
        String name = fromFile(Path.of("/etc/hostname"));
        if (name == null) {
            name = firstNonBlank(environment.get("HOSTNAME"), environment.get("COMPUTERNAME"));
        }
        if (name == null) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                name = "localhost";
            }
        }
        return safe(name);
    }

    static String safe(String name) {
        String cleaned = UNSAFE_CHARS.matcher(name.strip()).replaceAll("-");
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return "localhost";
        }
        return cleaned.length() <= WireRules.MAX_ID_LENGTH ? cleaned : cleaned.substring(0, WireRules.MAX_ID_LENGTH);
    }

    private static String fromFile(Path file) {
        try {
            return Files.isReadable(file) ? firstNonBlank(Files.readString(file).strip()) : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
