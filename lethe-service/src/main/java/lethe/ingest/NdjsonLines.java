package lethe.ingest;

import lethe.api.ProblemCode;
import lethe.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a request body into lines without ever holding more than one line in memory. A line longer
 * than the limit, or a body longer than its limit, is refused with 413 as soon as it is seen.
 * One instance reads one body.
 */
final class NdjsonLines {

    /** Receives each line; {@code bytes[0, length)} is valid only during the call. */
    interface LineHandler {
        void line(long number, byte[] bytes, int length) throws IOException;
    }

    private static final int CHUNK = 64 * 1024;

    private final int maxLineBytes;
    private final long maxBodyBytes;
    private long bodyBytes;

    NdjsonLines(int maxLineBytes, long maxBodyBytes) {
        this.maxLineBytes = maxLineBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Feeds every line (a final line without a newline included) to the handler; returns the line count.
     * When the body is refused part way, by a limit here or by the handler, the rest of it is read and
     * dropped (up to the body limit) before the refusal goes out: a client still sending would otherwise
     * hit a reset connection and never see the 413.
     */
    long read(InputStream body, LineHandler handler) throws IOException {
        try {
            return readLines(body, handler);
        } catch (ProblemException refused) {
            skipRest(body);
            throw refused;
        }
    }

    private long readLines(InputStream body, LineHandler handler) throws IOException {
        byte[] chunk = new byte[CHUNK];
        byte[] line = new byte[Math.min(CHUNK, maxLineBytes + 1)];
        int lineLength = 0;
        long lineNumber = 1;
        int read;
        while ((read = body.read(chunk)) != -1) {
            bodyBytes += read;
            if (bodyBytes > maxBodyBytes) {
                throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE,
                        "The request body is larger than ingest.max_body_bytes (" + maxBodyBytes + " bytes); send it in smaller requests.");
            }
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                line = append(line, lineLength, chunk, start, i - start, lineNumber);
                lineLength += i - start;
                handler.line(lineNumber, line, withoutCarriageReturn(line, lineLength));
                lineNumber++;
                lineLength = 0;
                start = i + 1;
            }
            line = append(line, lineLength, chunk, start, read - start, lineNumber);
            lineLength += read - start;
        }
        if (lineLength > 0) {
            handler.line(lineNumber, line, withoutCarriageReturn(line, lineLength));
            return lineNumber;
        }
        return lineNumber - 1;
    }

    private void skipRest(InputStream body) {
        byte[] sink = new byte[CHUNK];
        try {
            int read;
            while (bodyBytes <= maxBodyBytes && (read = body.read(sink)) != -1) {
                bodyBytes += read;
            }
        } catch (IOException gone) {
            // the client stopped sending: nothing left to skip
        }
    }

    private byte[] append(byte[] line, int lineLength, byte[] source, int offset, int count, long lineNumber) {
        if (count == 0) {
            return line;
        }
        if ((long) lineLength + count > maxLineBytes) {
            throw new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE,
                    "Line " + lineNumber + " is longer than ingest.max_line_bytes (" + maxLineBytes + " bytes).",
                    lineNumber, null);
        }
        byte[] target = line;
        if (lineLength + count > line.length) {
            target = Arrays.copyOf(line, (int) Math.min((long) maxLineBytes + 1, Math.max(line.length * 2L, lineLength + count)));
        }
        System.arraycopy(source, offset, target, lineLength, count);
        return target;
    }

    private static int withoutCarriageReturn(byte[] line, int length) {
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    }
}
