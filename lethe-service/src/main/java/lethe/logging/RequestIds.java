package lethe.logging;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's own (a proxy's or a collector's) when it is short and plain, else a new one.
 * A caller's value lands verbatim in logs and in a response header, so anything that could forge a
 * log line or a header (spaces, quotes, control characters) or flood them (length) is not taken.
 */
public final class RequestIds {

    public static final int MAX_LENGTH = 128;
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** The incoming id if acceptable, else a fresh one. */
    public static String acceptOrCreate(String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        return create();
    }

    /** 128 random bits as 32 hex digits: unique enough to find one request's lines, not a secret. */
    public static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
