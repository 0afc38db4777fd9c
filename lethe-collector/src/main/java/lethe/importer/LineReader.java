package lethe.importer;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a file line by line from a byte offset, telling for each line where it ends, so that a reader can
 * record exactly how far it got and resume there.
 *
 * <p>A last line without its newline is returned with {@code terminated == false}; the caller decides
 * whether it is whole. If an earlier run took such a line and the newline arrived since, that lone newline
 * at the start is skipped rather than read as an empty line.
 */
public final class LineReader implements Closeable {

    /**
     * One line, without its {@code \n} (and without a {@code \r} before it).
     *
     * @param number     1-based line number in the file
     * @param contentEnd offset just past the line's last byte (where its newline is, if any)
     * @param end        offset where the next line starts
     */
    public record Line(byte[] bytes, int length, long number, long contentEnd, long end, boolean terminated) {
    }

    private static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private long position;
    private long lineNumber;
    private byte[] line = new byte[1024];
    private boolean eof;

    private LineReader(FileChannel channel, long offset, long linesBefore) {
        this.channel = channel;
        this.position = offset;
        this.lineNumber = linesBefore;
        buffer.flip();
    }

    /** Opens {@code path} at {@code offset}, the {@code linesBefore} lines before it having been read already. */
    public static LineReader open(Path path, long offset, long linesBefore) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long start = offset;
            if (offset > 0 && byteAt(channel, offset - 1) != '\n' && byteAt(channel, offset) == '\n') {
                start = offset + 1;
            }
            channel.position(start);
            return new LineReader(channel, start, linesBefore);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The next line, or null at the end of the file. */
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        int length = 0;
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                eof = true;
                if (length == 0) {
                    return null;
                }
                return line(length, position, position, false);
            }
            byte[] bytes = buffer.array();
            int start = buffer.position();
            int limit = buffer.limit();
            int newline = -1;
            for (int i = start; i < limit; i++) {
                if (bytes[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int take = (newline == -1 ? limit : newline) - start;
            line = ensure(line, length + take);
            System.arraycopy(bytes, start, line, length, take);
            length += take;
            position += take;
            if (newline == -1) {
                buffer.position(limit);
                continue;
            }
            buffer.position(newline + 1);
            long contentEnd = position;
            position++;
            return line(length, contentEnd, position, true);
        }
    }

    private Line line(int length, long contentEnd, long end, boolean terminated) {
        lineNumber++;
        int content = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(Arrays.copyOf(line, content), content, lineNumber, contentEnd, end, terminated);
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        return read > 0;
    }

    private static byte[] ensure(byte[] array, int size) {
        if (size <= array.length) {
            return array;
        }
        return Arrays.copyOf(array, Math.max(size, array.length * 2));
    }

    private static int byteAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, offset) == 1 ? one.get(0) : -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
