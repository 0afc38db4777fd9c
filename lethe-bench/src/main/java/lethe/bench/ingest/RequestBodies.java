package lethe.bench.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus cut into request bodies the way collectors would send it: {@code linesPerRequest} lines each,
 * and with several collectors, each session's lines always go through the same collector (as each
 * machine pushes its own transcripts), in corpus order.
 */
final class RequestBodies {

    /** One request: how many lines and NDJSON bytes it carries, and the bytes on the wire. */
    record Body(int lines, long ndjsonBytes, byte[] wire) {
    }

    private RequestBodies() {
    }

    /** Bodies read from the file as they are needed, for corpora too big to hold in memory. */
    static Iterator<Body> stream(Path corpus, int linesPerRequest, boolean gzip) {
        LineReader lines;
        try {
            lines = new LineReader(Files.newInputStream(corpus));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            private Body next = read();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public synchronized Body next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Body current = next;
                next = read();
                return current;
            }

            private Body read() {
                Pending pending = new Pending();
                try {
                    byte[] line;
                    while (pending.lines < linesPerRequest && (line = lines.next()) != null) {
                        pending.add(line);
                    }
                    if (pending.lines == 0) {
                        lines.close();
                        return null;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return pending.finish(gzip);
            }
        };
    }

    /**
     * Every collector's bodies, each at most {@code linesPerRequest} lines and {@code maxBytes} NDJSON
     * bytes (a line longer than that on its own still makes a body).
     */
    static List<List<Body>> cut(Path corpus, int linesPerRequest, long maxBytes, int collectors, boolean gzip) {
        List<List<Body>> perCollector = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (int c = 0; c < collectors; c++) {
            perCollector.add(new ArrayList<>());
            pending.add(new Pending());
        }
        try (LineReader lines = new LineReader(Files.newInputStream(corpus))) {
            byte[] bytes;
            while ((bytes = lines.next()) != null) {
                int collector = collectors == 1 ? 0 : Math.floorMod(sessionKeyHash(bytes), collectors);
                Pending into = pending.get(collector);
                if (into.lines > 0 && into.bytes.size() + bytes.length > maxBytes) {
                    perCollector.get(collector).add(into.finish(gzip));
                }
                into.add(bytes);
                if (into.lines == linesPerRequest) {
                    perCollector.get(collector).add(into.finish(gzip));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int c = 0; c < collectors; c++) {
            if (pending.get(c).lines > 0) {
                perCollector.get(c).add(pending.get(c).finish(gzip));
            }
        }
        return perCollector;
    }

    /** Hash of the text before {@code "turn_id"}: tool, host and session_id, in the generator's field order. */
    private static int sessionKeyHash(byte[] line) {
        int hash = 1;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 't' && i + 8 < line.length && line[i + 1] == 'u' && line[i + 2] == 'r' && line[i + 3] == 'n'
                    && line[i + 4] == '_' && line[i + 5] == 'i' && line[i + 6] == 'd') {
                return hash;
            }
            hash = 31 * hash + line[i];
        }
        return hash;
    }

    private static final class Pending {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        int lines;

        void add(byte[] line) {
            bytes.writeBytes(line);
            lines++;
        }

        Body finish(boolean gzip) {
            byte[] ndjson = bytes.toByteArray();
            Body body = new Body(lines, ndjson.length, gzip ? gzip(ndjson) : ndjson);
            bytes.reset();
            lines = 0;
            return body;
        }

        private static byte[] gzip(byte[] data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
            try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024)) {
                zip.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
