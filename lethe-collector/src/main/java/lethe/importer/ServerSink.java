package lethe.importer;

import lethe.api.IngestResult;
import lethe.api.client.LetheClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Sends each batch as one ingest request. */
public final class ServerSink implements TurnSink {

    private final LetheClient client;

    public ServerSink(LetheClient client) {
        this.client = client;
    }

    @Override
    public IngestResult send(List<byte[]> lines) throws IOException {
        int size = lines.stream().mapToInt(line -> line.length + 1).sum();
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (byte[] line : lines) {
            body.write(line);
            body.write('\n');
        }
        return client.ingest(body.toByteArray());
    }
}
