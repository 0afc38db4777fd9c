package lethe.auth.apikey.cli;

import lethe.api.ApiKey;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** API keys as an aligned text table, times in UTC to the minute. */
final class KeyTable {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> HEADINGS = List.of("ID", "USER", "NAME", "STATUS", "CREATED", "EXPIRES", "LAST USED");

    private KeyTable() {
    }

    static void print(List<ApiKey> keys, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (ApiKey key : keys) {
            rows.add(List.of(key.id(), key.owner(), key.name(), key.status(), time(key.createdAt(), "-"),
                    time(key.expiresAt(), "never"), time(key.lastUsedAt(), "never")));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String time(Double unixSeconds, String absent) {
        return unixSeconds == null ? absent : MINUTES.format(Instant.ofEpochMilli((long) (unixSeconds * 1000)));
    }
}
