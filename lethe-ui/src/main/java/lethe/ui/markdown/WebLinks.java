package lethe.ui.markdown;

import org.commonmark.renderer.html.UrlSanitizer;

import java.util.regex.Pattern;

/**
 * The only link targets a transcript may carry: absolute {@code http}, {@code https} and {@code mailto}
 * addresses. Relative links are refused too: they would point into lethe itself.
 */
final class WebLinks implements UrlSanitizer {

    private static final Pattern ALLOWED = Pattern.compile("(?i)(https?://|mailto:)[^\\s\\p{Cntrl}]+");

    static boolean allowed(String destination) {
        return destination != null && ALLOWED.matcher(destination).matches();
    }

    @Override
    public String sanitizeLinkUrl(String url) {
        return allowed(url) ? url : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
        return sanitizeLinkUrl(url);
    }
}
