package lethe.importer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code host} turns are sent with by default: this machine's name, made fit for a URL segment. */
public final class HostName {

    /** The characters lethe accepts in {@code tool}, {@code host} and {@code session_id}. */
    public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");
    private static final Pattern UNSAFE_CHARS = Pattern.compile("[^A-Za-z0-9._:@-]");

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
        return cleaned.length() <= 256 ? cleaned : cleaned.substring(0, 256);
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
