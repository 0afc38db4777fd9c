package lethe.bench.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a file line by line as bytes, each line with its {@code \n}, without decoding anything. */
final class LineReader implements AutoCloseable {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line including its newline, or null at the end. */
    byte[] next() throws IOException {
        byte[] partial = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return partial;
                }
            }
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline + 1;
            byte[] piece = Arrays.copyOfRange(buffer, position, end);
            position = end;
            partial = partial == null ? piece : concat(partial, piece);
            if (newline >= 0) {
                return partial;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
