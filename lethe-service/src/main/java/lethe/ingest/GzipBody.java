package lethe.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip request body decoded as RFC 1952 defines it: a series of members, each a header, a deflate stream
 * and a trailer whose CRC-32 and length are checked. Every member is read (a collector may append gzip
 * chunks one after another, and {@code cat a.gz b.gz} is valid gzip), and the body must end exactly where
 * a member ends: any other byte after the last member is refused, as is a body cut short anywhere.
 *
 * <p>{@code java.util.zip.GZIPInputStream} does neither reliably: it ignores bytes after a member that do
 * not parse as a header, and it looks for a next member only when the network has already delivered part of
 * it ({@code available() > 0}), so a concatenated body could lose its later members and still be acknowledged.
 */
final class GzipBody extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    /** Bytes after the last member that are not another member. */
    static final class TrailingGarbage extends ZipException {
        TrailingGarbage(long offset) {
            super("the body goes on after its last gzip member (at compressed byte " + offset
                    + ") with bytes that are not another member");
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private int position;
    private int limit;
    private long consumed;
    private long memberSize;
    private boolean ended;

    GzipBody(InputStream in) throws IOException {
        this.in = in;
        if (!readHeader(true)) {
            throw new EOFException("empty gzip body");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended) {
            int n = inflate(target, offset, length);
            if (n > 0) {
                crc.update(target, offset, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                finishMember();
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("gzip member cut short");
                }
                inflater.setInput(buffer, position, limit - position);
            } else if (inflater.needsDictionary()) {
                throw new ZipException("a gzip member asks for a preset dictionary");
            }
        }
        return -1;
    }

    private int inflate(byte[] target, int offset, int length) throws ZipException {
        try {
            int before = inflater.getRemaining();
            int n = inflater.inflate(target, offset, length);
            int used = before - inflater.getRemaining();
            position += used;
            consumed += used;
            return n;
        } catch (DataFormatException e) {
            throw new ZipException("invalid deflate data: " + e.getMessage());
        }
    }

    /** Checks the member's trailer, then reads the next member's header, or finds the body's proper end. */
    private void finishMember() throws IOException {
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("a gzip member's CRC-32 does not match its data");
        }
        if (expectedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new ZipException("a gzip member's length does not match its data");
        }
        if (!readHeader(false)) {
            ended = true;
        }
    }

    /**
     * Reads a member header; false when the body ends cleanly before one (only allowed after a member).
     *
     * @throws TrailingGarbage when what follows a member is not a member
     */
    private boolean readHeader(boolean first) throws IOException {
        long start = consumed;
        int id1 = readByteOrEnd();
        if (id1 < 0) {
            return false;
        }
        headerCrc.reset();
        headerCrc.update(id1);
        int id2 = readByteOrEnd();
        if (id1 != 0x1F || id2 != 0x8B) {
            if (first) {
                throw new ZipException("not in gzip format");
            }
            throw new TrailingGarbage(start);
        }
        headerCrc.update(id2);
        if (headerByte() != 8) {
            throw new ZipException("a gzip member uses a compression method other than deflate");
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("a gzip member sets reserved header flags");
        }
        for (int i = 0; i < 6; i++) {
            headerByte(); // MTIME, XFL, OS: nothing lethe uses
        }
        if ((flags & FEXTRA) != 0) {
            int extraLength = headerByte() | headerByte() << 8;
            for (int i = 0; i < extraLength; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xFFFF);
            if ((requiredByte() | requiredByte() << 8) != expected) {
                throw new ZipException("a gzip member's header CRC does not match");
            }
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inflater.setInput(buffer, position, limit - position);
        return true;
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // a file name or comment: skipped, never held
        }
    }

    private int headerByte() throws IOException {
        int b = requiredByte();
        headerCrc.update(b);
        return b;
    }

    private long readInt() throws IOException {
        return (requiredByte() | requiredByte() << 8 | requiredByte() << 16 | (long) requiredByte() << 24) & 0xFFFFFFFFL;
    }

    private int requiredByte() throws IOException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw new EOFException("gzip member cut short");
        }
        return b;
    }

    private int readByteOrEnd() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        consumed++;
        return buffer[position++] & 0xFF;
    }

    /** Refills the buffer when it is used up; false at the end of the body. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
