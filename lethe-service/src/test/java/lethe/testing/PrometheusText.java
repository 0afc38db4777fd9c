package lethe.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4 (the format a scraper
 * gets from {@code /metrics}). No maintained Java parser of this format is published on Maven
 * Central, so this one follows the format's specification line by line and rejects anything a
 * Prometheus server would reject or mis-read:
 * <ul>
 *   <li>every line ends in {@code \n}; a line is empty, a {@code # HELP}, a {@code # TYPE}, another
 *       comment, or a sample {@code name{label="value",...} value [timestamp]};</li>
 *   <li>metric and label names match their grammars, label values use only the {@code \\ \" \n}
 *       escapes, values are Go floats ({@code NaN}, {@code +Inf}, {@code -Inf} included), timestamps
 *       are integers;</li>
 *   <li>at most one HELP and one TYPE per family, TYPE before the family's first sample, a family's
 *       lines in one group, no series twice, no label twice in a sample;</li>
 *   <li>histograms have {@code le} buckets in increasing order with non-decreasing counts, ending at
 *       {@code +Inf} with the same count as {@code _count}; summaries have quantiles within [0, 1].</li>
 * </ul>
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Inf|inf|NaN)");
    private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static final class Family {
        private final String name;
        private String type = "untyped";
        private String help;
        private final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public String type() {
            return type;
        }

        public String help() {
            return help;
        }

        public List<Sample> samples() {
            return samples;
        }
    }

    /** A parsed scrape: families by name, in the order they came. */
    public record Scrape(Map<String, Family> families) {

        /** The value of the one sample with exactly this name and these labels. */
        public double value(String sampleName, String... labelPairs) {
            Map<String, String> wanted = labels(labelPairs);
            return families.values().stream()
                    .flatMap(family -> family.samples().stream())
                    .filter(sample -> sample.name().equals(sampleName) && sample.labels().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no sample " + sampleName + wanted + " in the scrape"))
                    .value();
        }

        /** Like {@link #value}, but 0 for a series not (yet) exposed, e.g. a label set never observed. */
        public double valueOrZero(String sampleName, String... labelPairs) {
            Map<String, String> wanted = labels(labelPairs);
            return families.values().stream()
                    .flatMap(family -> family.samples().stream())
                    .filter(sample -> sample.name().equals(sampleName) && sample.labels().equals(wanted))
                    .mapToDouble(Sample::value)
                    .findFirst()
                    .orElse(0);
        }

        public boolean hasFamily(String name) {
            return families.containsKey(name);
        }

        public Family family(String name) {
            Family family = families.get(name);
            if (family == null) {
                throw new AssertionError("no metric family " + name + " in the scrape");
            }
            return family;
        }

        private static Map<String, String> labels(String... pairs) {
            if (pairs.length % 2 != 0) {
                throw new IllegalArgumentException("label name/value pairs expected");
            }
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                labels.put(pairs[i], pairs[i + 1]);
            }
            return labels;
        }
    }

    /** Thrown for the first line that breaks the format, with its number. */
    public static final class FormatError extends AssertionError {
        FormatError(int line, String message, String text) {
            super("line " + line + ": " + message + ": " + text);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Set<String> closedFamilies = new HashSet<>();
    private final Set<String> seenSeries = new HashSet<>();
    private final Set<String> typed = new HashSet<>();
    private Family current;
    private int lineNumber;
    private String lineText;

    private PrometheusText() {
    }

    public static Scrape parse(String exposition) {
        return new PrometheusText().parseAll(exposition);
    }

    private Scrape parseAll(String exposition) {
        if (!exposition.isEmpty() && !exposition.endsWith("\n")) {
            throw new FormatError(0, "the exposition must end with a line feed", "");
        }
        String[] lines = exposition.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            lineNumber = i + 1;
            lineText = lines[i];
            parseLine(lines[i]);
        }
        families.values().forEach(this::checkFamily);
        return new Scrape(families);
    }

    private void parseLine(String line) {
        if (line.indexOf('\r') >= 0) {
            fail("carriage return in line");
        }
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("#")) {
            parseComment(line);
            return;
        }
        parseSample(line);
    }

    private void parseComment(String line) {
        String[] tokens = line.substring(1).trim().split("[ \t]+", 3);
        if (tokens.length < 2 || !(tokens[0].equals("HELP") || tokens[0].equals("TYPE"))) {
            return; // an ordinary comment
        }
        String name = tokens[1];
        if (!METRIC_NAME.matcher(name).matches()) {
            fail("invalid metric name in " + tokens[0]);
        }
        Family family = openFamily(name);
        if (tokens[0].equals("HELP")) {
            if (family.help != null) {
                fail("second HELP for " + name);
            }
            family.help = unescapeHelp(tokens.length == 3 ? tokens[2] : "");
        } else {
            if (tokens.length != 3 || !TYPES.contains(tokens[2])) {
                fail("TYPE must be one of " + TYPES);
            }
            if (!typed.add(name)) {
                fail("second TYPE for " + name);
            }
            if (!family.samples.isEmpty()) {
                fail("TYPE after the first sample of " + name);
            }
            family.type = tokens[2];
        }
    }

    private void parseSample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            fail("invalid metric name '" + name + "'");
        }
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).trim().split("[ \t]+");
        if (i >= line.length() || (line.charAt(i) != ' ' && line.charAt(i) != '\t') || rest.length < 1 || rest.length > 2
                || rest[0].isEmpty()) {
            fail("a sample is: name, optional labels, a blank, a value and an optional timestamp");
        }
        if (!FLOAT.matcher(rest[0]).matches()) {
            fail("invalid sample value '" + rest[0] + "'");
        }
        if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
            fail("invalid timestamp '" + rest[1] + "'");
        }
        if (!seenSeries.add(name + labels)) {
            fail("series appears twice");
        }
        Family family = familyOf(name);
        if (current != family) {
            if (closedFamilies.contains(family.name)) {
                fail("the lines of " + family.name + " are not in one group");
            }
            if (current != null) {
                closedFamilies.add(current.name);
            }
            current = family;
        }
        family.samples.add(new Sample(name, labels, parseFloat(rest[0])));
    }

    private int parseLabels(String line, int start, Map<String, String> labels) {
        int i = start;
        while (true) {
            if (i >= line.length()) {
                fail("unterminated label set");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0) {
                fail("label without '='");
            }
            String labelName = line.substring(i, equals).trim();
            if (!LABEL_NAME.matcher(labelName).matches() || labelName.startsWith("__")) {
                fail("invalid label name '" + labelName + "'");
            }
            i = equals + 1;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= line.length() || line.charAt(i) != '"') {
                fail("label value must be quoted");
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= line.length()) {
                    fail("unterminated label value");
                }
                char c = line.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= line.length()) {
                        fail("dangling escape in label value");
                    }
                    char escaped = line.charAt(i + 1);
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> fail("invalid escape \\" + escaped + " in label value");
                    }
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
            if (labels.put(labelName, value.toString()) != null) {
                fail("label " + labelName + " twice");
            }
            i++;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
            } else if (i >= line.length() || line.charAt(i) != '}') {
                fail("labels must be separated by ','");
            }
        }
    }

    /** The family a sample belongs to: its own name, or the histogram/summary its suffix names. */
    private Family familyOf(String sampleName) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                Family base = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (base != null && (base.type.equals("histogram") || (base.type.equals("summary") && !suffix.equals("_bucket")))) {
                    return base;
                }
            }
        }
        return openFamily(sampleName);
    }

    private Family openFamily(String name) {
        return families.computeIfAbsent(name, Family::new);
    }

    private void checkFamily(Family family) {
        lineNumber = 0;
        lineText = family.name;
        switch (family.type) {
            case "histogram" -> checkHistogram(family);
            case "summary" -> checkSummary(family);
            default -> family.samples.forEach(sample -> {
                if (!sample.name().equals(family.name)) {
                    fail("sample " + sample.name() + " in " + family.type + " family " + family.name);
                }
            });
        }
    }

    private void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> bucketsBySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample sample : family.samples) {
            if (sample.name().equals(family.name + "_bucket")) {
                Map<String, String> series = new TreeMap<>(sample.labels());
                if (series.remove("le") == null) {
                    fail("histogram bucket without le");
                }
                bucketsBySeries.computeIfAbsent(series, key -> new ArrayList<>()).add(sample);
            } else if (sample.name().equals(family.name + "_count")) {
                counts.put(sample.labels(), sample.value());
            } else if (!sample.name().equals(family.name + "_sum")) {
                fail("sample " + sample.name() + " in histogram " + family.name);
            }
        }
        bucketsBySeries.forEach((series, buckets) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : buckets) {
                String le = bucket.labels().get("le");
                if (!FLOAT.matcher(le).matches()) {
                    fail("invalid le '" + le + "'");
                }
                double bound = parseFloat(le);
                if (bound <= previousBound || bucket.value() < previousCount) {
                    fail("histogram buckets out of order");
                }
                previousBound = bound;
                previousCount = bucket.value();
            }
            if (previousBound != Double.POSITIVE_INFINITY) {
                fail("histogram without a +Inf bucket");
            }
            Double count = counts.get(series);
            if (count == null || count != previousCount) {
                fail("histogram _count differs from its +Inf bucket");
            }
        });
    }

    private void checkSummary(Family family) {
        for (Sample sample : family.samples) {
            if (sample.name().equals(family.name)) {
                String quantile = sample.labels().get("quantile");
                if (quantile == null || !FLOAT.matcher(quantile).matches()) {
                    fail("summary sample without a valid quantile");
                }
                double q = parseFloat(quantile);
                if (q < 0 || q > 1) {
                    fail("quantile outside [0, 1]");
                }
            } else if (!sample.name().equals(family.name + "_sum") && !sample.name().equals(family.name + "_count")) {
                fail("sample " + sample.name() + " in summary " + family.name);
            }
        }
    }

    private static double parseFloat(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        return switch (t) {
            case "Inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }

    private String unescapeHelp(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n')) {
                out.append(text.charAt(i + 1) == 'n' ? '\n' : '\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void fail(String message) {
        throw new FormatError(lineNumber, message, lineText);
    }
}
