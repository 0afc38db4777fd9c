package lethe.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The UTF-8 rules Jackson's byte parser does not enforce: it decodes overlong forms (C0 AF as "/") and
 * sequences beyond U+10FFFF, which RFC 3629 forbids and which would let one text hide behind another.
 */
final class Utf8 {

    /** Eight bytes read as one long: a line is mostly ASCII, which is checked eight bytes at a time. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The offset of the first overlong or out-of-range lead sequence, or -1 when there is none. */
    static int firstOverlongOrOutOfRange(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            if (i + Long.BYTES <= length && ((long) EIGHT_BYTES.get(bytes, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
                continue;
            }
            int b = bytes[i] & 0xff;
            if (b >= 0xc0) {
                if (b <= 0xc1 || b >= 0xf5) {
                    return i;
                }
                int next = i + 1 < length ? bytes[i + 1] & 0xff : 0x80;
                boolean overlong3 = b == 0xe0 && next < 0xa0;
                boolean overlong4 = b == 0xf0 && next < 0x90;
                boolean beyondUnicode = b == 0xf4 && next > 0x8f;
                if (overlong3 || overlong4 || beyondUnicode) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }
}
