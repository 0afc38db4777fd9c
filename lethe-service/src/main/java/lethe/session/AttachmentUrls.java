package lethe.session;

import lethe.api.WireRules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where an attachment's bytes are read: {@code /api/v1/sessions/{tool}/{host}/{session_id}/attachments/{turn}/{index}}.
 *
 * <p>{@code {turn}} is the turn id itself when it is a safe id (the common case: a UUID), else {@code ~}
 * and the id's UTF-8 in unpadded base64url. A turn id may hold any printable character, {@code /}
 * included, and servlet containers refuse an encoded slash in a path; {@code ~} is outside the safe-id
 * alphabet, so the two forms never collide.
 */
public final class AttachmentUrls {

    private static final String ENCODED = "~";

    private AttachmentUrls() {
    }

    public static String of(String tool, String host, String sessionId, String turnId, int index) {
        return "/api/v1/sessions/" + tool + "/" + host + "/" + sessionId + "/attachments/" + segment(turnId) + "/" + index;
    }

    static String segment(String turnId) {
        if (WireRules.isSafeId(turnId)) {
            return turnId;
        }
        return ENCODED + Base64.getUrlEncoder().withoutPadding().encodeToString(turnId.getBytes(StandardCharsets.UTF_8));
    }

    /** The turn id a path segment names; empty for a segment no turn id could have produced. */
    static Optional<String> turnId(String segment) {
        if (!segment.startsWith(ENCODED)) {
            return Optional.of(segment);
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(segment.substring(ENCODED.length())),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
