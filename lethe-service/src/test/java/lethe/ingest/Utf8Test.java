package lethe.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan skips ASCII eight bytes at a time: a bad sequence must be found wherever it falls in or across those words. */
class Utf8Test {

    private static final byte[][] BAD = {
            {(byte) 0xc0, (byte) 0xaf},                           // overlong "/"
            {(byte) 0xc1, (byte) 0xbf},                           // overlong, two bytes
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},              // overlong, three bytes
            {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0xaf}, // overlong, four bytes
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // no such lead byte
    };

    @Test
    void aBadSequenceIsFoundAtItsOwnOffsetWhereverItFallsInALine() {
        for (byte[] bad : BAD) {
            for (int before = 0; before < 20; before++) {
                for (int after = 0; after < 12; after++) {
                    byte[] line = new byte[before + bad.length + after];
                    Arrays.fill(line, (byte) 'a');
                    System.arraycopy(bad, 0, line, before, bad.length);

                    assertThat(Utf8.firstOverlongOrOutOfRange(line, line.length))
                            .as("%s after %d ASCII bytes", Arrays.toString(bad), before).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void theFirstOfTwoBadSequencesIsTheOneReported() {
        byte[] line = "abcdefghij\u00c0\u00afklmnop".getBytes(StandardCharsets.ISO_8859_1);
        line[3] = (byte) 0xf5;

        assertThat(Utf8.firstOverlongOrOutOfRange(line, line.length)).isEqualTo(3);
    }

    @Test
    void wellFormedTextPassesWhereverItsMultiByteCharactersFall() {
        for (int pad = 0; pad < 17; pad++) {
            String text = "a".repeat(pad) + "plain ASCII, then \u00e9, \u20ac, \uD83D\uDE00, \uDBFF\uDFFF and \u4e2d\u6587 amid more ASCII";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

            assertThat(Utf8.firstOverlongOrOutOfRange(bytes, bytes.length)).as("after %d ASCII bytes", pad).isEqualTo(-1);
        }
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] line = "abcdefghijklmnop\u00c0\u00af".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(Utf8.firstOverlongOrOutOfRange(line, 16)).isEqualTo(-1);
        assertThat(Utf8.firstOverlongOrOutOfRange(line, 17)).isEqualTo(16);
    }
}
