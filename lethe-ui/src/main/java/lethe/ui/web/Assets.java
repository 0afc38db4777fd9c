package lethe.ui.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The UI's only static files, the stylesheet and the icon, read from the jar once. Each is published as
 * {@code /assets/<name>.<hash>.<ext>}: the hash changes with the content, so browsers may cache it for a
 * year and an upgrade is still picked up at once.
 */
public final class Assets {

    public static final String PATH = "/assets/";

    private final Asset stylesheet;
    private final Asset icon;
    private final Map<String, Asset> byName;

    public Assets() {
        this.stylesheet = load("lethe", "css", "text/css; charset=utf-8");
        this.icon = load("lethe", "svg", "image/svg+xml");
        this.byName = Map.of(stylesheet.name(), stylesheet, icon.name(), icon);
    }

    public String stylesheetPath() {
        return PATH + stylesheet.name();
    }

    public String iconPath() {
        return PATH + icon.name();
    }

    public Optional<Asset> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static Asset load(String base, String extension, String mediaType) {
        String resource = "assets/" + base + "." + extension;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing UI asset " + resource);
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
            return new Asset(base + "." + hash + "." + extension, mediaType, bytes, "\"" + hash + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
