package lethe.bench.report;

import lethe.bench.Options;
import lethe.bench.Results;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code record --results F --kind K --label L --name value...}: a measurement taken by the shell script. */
public final class Record {

    private Record() {
    }

    public static void run(String[] args) {
        Map<String, Object> result = new LinkedHashMap<>();
        String results = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].substring(2);
            String value = args[i + 1];
            if (name.equals("results")) {
                results = value;
            } else {
                result.put(name, value.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?") ? (Object) Double.parseDouble(value) : value);
            }
        }
        Results.append(Path.of(new Options(new String[] {"--results", results}).get("results")), result);
    }
}
