package lethe.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharTypes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes stored UTF-8 text as a JSON string value: the same bytes as {@link JsonGenerator#writeUTF8String}
 * (quote, backslash and control characters escaped, every other byte as it is), but the runs between two
 * escapes are copied whole. Jackson copies a stretch byte by byte once it holds a character to escape, and
 * nearly every turn holds a newline: that copy was a third of a 2 000-turn session's read. One instance per
 * response; it keeps its buffer from one turn to the next.
 */
final class Utf8JsonString {

    /** Texts longer than this go to Jackson, which escapes in fixed-size pieces: the buffer stays small. */
    static final int MAX_BUFFERED = 256 * 1024;
    /** Jackson's table: 0 for a byte written as it is, the letter of a two-character escape, or negative for {@code \\u00XX}. */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[16 * 1024];

    void write(JsonGenerator json, byte[] utf8) throws IOException {
        int next = nextEscape(utf8, 0);
        if (next == utf8.length) {
            json.writeRawUTF8String(utf8, 0, utf8.length);
            return;
        }
        if (utf8.length > MAX_BUFFERED) {
            json.writeUTF8String(utf8, 0, utf8.length);
            return;
        }
        int length = 0;
        int from = 0;
        while (true) {
            int run = next - from;
            ensure(length + run + 6);
            System.arraycopy(utf8, from, buffer, length, run);
            length += run;
            if (next == utf8.length) {
                break;
            }
            length = escape(utf8[next], length);
            from = next + 1;
            next = nextEscape(utf8, from);
        }
        json.writeRawUTF8String(buffer, 0, length);
    }

    /** The index of the first byte from {@code from} on that must be escaped, or the text's length. */
    private static int nextEscape(byte[] utf8, int from) {
        for (int i = from; i < utf8.length; i++) {
            int b = utf8[i];
            // Bytes of multi-byte characters are negative and always written as they are.
            if (b >= 0 && ESCAPES[b] != 0) {
                return i;
            }
        }
        return utf8.length;
    }

    private int escape(byte b, int at) {
        int code = ESCAPES[b];
        buffer[at++] = '\\';
        if (code > 0) {
            buffer[at++] = (byte) code;
        } else {
            buffer[at++] = 'u';
            buffer[at++] = '0';
            buffer[at++] = '0';
            buffer[at++] = HEX[b >> 4];
            buffer[at++] = HEX[b & 0xF];
        }
        return at;
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
        }
    }
}
