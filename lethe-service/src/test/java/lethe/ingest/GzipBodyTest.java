package lethe.ingest;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import lethe.LetheConfiguration;
import lethe.testing.Http;
import lethe.testing.LetheApp;
import lethe.testing.Turns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 1952 for gzip request bodies: a body is one or more members, all of them read; anything after the
 * last member, or a member cut short or damaged, is a 400 and nothing of the body is stored.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class GzipBodyTest {

    static final DropwizardAppExtension<LetheConfiguration> APP = LetheApp.start();

    private final String session = "gz-" + UUID.randomUUID();

    private Http alice() {
        return Http.to(APP.getLocalPort()).as("alice");
    }

    private String line(int seq) {
        return Turns.line(session, "t" + seq, seq, "user", 1700000000 + seq, "text " + seq) + "\n";
    }

    private Http.Response ingestGzip(byte[] body) {
        return alice().header("Content-Encoding", "gzip").post("/api/v1/ingest", "application/x-ndjson", body);
    }

    @Test
    void everyMemberOfAConcatenatedBodyIsRead() {
        String first = line(0) + line(1);
        String second = line(2);
        String third = line(3);
        // A member boundary in the middle of a line: the members make one stream of bytes.
        byte[] body = concat(Http.gzip(utf8(first + third.substring(0, 20))), Http.gzip(utf8(third.substring(20))),
                Http.gzip(utf8(second)));

        Http.Response response = ingestGzip(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(4);
        assertThat(turnCount()).isEqualTo(4);
    }

    @Test
    void membersWithNameCommentExtraFieldAndHeaderCrcAreRead() {
        byte[] body = concat(member(utf8(line(0)), true), member(utf8(line(1)), false));

        Http.Response response = ingestGzip(body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(turnCount()).isEqualTo(2);
    }

    @Test
    void bytesAfterTheLastMemberAreA400AndNothingIsStored() {
        byte[] gzip = Http.gzip(utf8(line(0) + line(1)));
        for (byte[] trailing : new byte[][] {{1, 2, 3}, {0, 0, 0, 0}, {0x1f}, {0x1f, 0x0b, 8, 0}, utf8("\n")}) {
            Http.Response response = ingestGzip(concat(gzip, trailing));

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
            assertThat(response.json().get("detail").asText())
                    .contains("after its last gzip member", "nothing was stored");
        }
        assertThat(turnCount()).isZero();
    }

    @Test
    void aDamagedOrShortMemberIsA400AndNothingIsStored() {
        byte[] gzip = Http.gzip(utf8(line(0) + line(1)));
        byte[] badCrc = gzip.clone();
        badCrc[badCrc.length - 6] ^= 1;
        byte[] badSize = gzip.clone();
        badSize[badSize.length - 2] ^= 1;
        byte[] secondCutShort = concat(gzip, java.util.Arrays.copyOf(gzip, gzip.length - 3));
        byte[] badMethod = gzip.clone();
        badMethod[2] = 7;

        assertRefused(badCrc, "CRC-32");
        assertRefused(badSize, "length");
        assertRefused(secondCutShort, "cut short");
        assertRefused(badMethod, "compression method");
        assertRefused(new byte[0], "cut short");
        assertRefused(utf8(line(0)), "not in gzip format");
        assertThat(turnCount()).isZero();
    }

    /**
     * The JDK's GZIPInputStream looks for a next member only when bytes of it have already arrived; a body
     * read as the network delivers it could lose its later members. GzipBody reads them whatever the timing.
     */
    @Test
    void laterMembersAreReadHoweverSlowlyTheyArrive() throws IOException {
        byte[] body = concat(Http.gzip(utf8("first\n")), Http.gzip(utf8("second\n")));

        try (InputStream decoded = new GzipBody(new Trickle(body))) {
            assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        }
        try (InputStream jdk = new GZIPInputStream(new Trickle(body))) {
            assertThat(new String(jdk.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first\n");
        }
    }

    private void assertRefused(byte[] body, String why) {
        Http.Response response = ingestGzip(body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID");
        assertThat(response.json().get("detail").asText()).contains(why);
    }

    private long turnCount() {
        Http.Response response = alice().get("/api/v1/sessions/claude-code/laptop/" + session);
        return response.status() == 404 ? 0 : response.json().get("turn_count").asLong();
    }

    /** A member written by hand, with every optional header field RFC 1952 defines when {@code everyField}. */
    private static byte[] member(byte[] data, boolean everyField) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = everyField ? 2 | 4 | 8 | 16 : 0;
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, 3});
        if (everyField) {
            out.writeBytes(new byte[] {6, 0, 'l', 't', 2, 0, 'h', 'i'});
            out.writeBytes(utf8("turns.ndjson\0"));
            out.writeBytes(utf8("written by a test\0"));
            CRC32 headerCrc = new CRC32();
            headerCrc.update(out.toByteArray());
            int crc16 = (int) (headerCrc.getValue() & 0xFFFF);
            out.write(crc16 & 0xFF);
            out.write(crc16 >>> 8);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] chunk = new byte[4096];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeInt(out, crc.getValue());
        writeInt(out, data.length);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A body as a slow network delivers it: one byte per read, and nothing ever already available. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;

        Trickle(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            return length == 0 ? 0 : bytes.read(target, offset, 1);
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
