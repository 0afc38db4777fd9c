package lethe.bench.corpus;

import java.util.Locale;

/**
 * Generates turn content shaped like real assistant transcripts: short prompts, markdown answers with
 * code, and tool output whose size has a long tail up to {@link #MAX_TOOL_OUTPUT} bytes. A few percent
 * of the prose carries emoji, CJK or right-to-left text; code carries quotes, backslashes and tabs, so the
 * JSON on the wire is full of escapes as it is in practice.
 */
final class Content {

    static final int MAX_TOOL_OUTPUT = 50 * 1024;
    private static final double UNICODE_SHARE = 0.06;

    private final Rng rng;
    private final String project;

    Content(Rng rng, String project) {
        this.rng = rng;
        this.project = project;
    }

    String userPrompt() {
        StringBuilder text = new StringBuilder();
        if (rng.chance(0.02)) {
            text.append(rng.pick(Phrases.UNICODE)).append(' ').append(rng.pick(Phrases.UNICODE));
            return text.toString();
        }
        sentences(text, (int) Math.min(2_000, rng.logNormal(140, 1.0)));
        if (rng.chance(0.12)) {
            text.append("\n\n```\n");
            if (rng.chance(0.5)) {
                logLines(text, (int) Math.min(6_000, rng.logNormal(900, 0.9)));
            } else {
                codeLines(text, rng.nextInt(Phrases.LANGUAGES.length), (int) Math.min(6_000, rng.logNormal(900, 0.9)));
            }
            text.append("```\n");
        }
        return text.toString();
    }

    String assistantText() {
        StringBuilder text = new StringBuilder();
        int target = (int) Math.min(12_000, rng.logNormal(550, 1.0));
        if (rng.chance(0.3)) {
            text.append("## ").append(capitalised(rng.pick(Phrases.WORDS))).append(' ')
                    .append(rng.pick(Phrases.WORDS)).append("\n\n");
        }
        while (text.length() < target) {
            int kind = rng.nextInt(10);
            if (kind < 6) {
                sentences(text, rng.between(80, 400));
                text.append("\n\n");
            } else if (kind < 8) {
                for (int i = rng.between(2, 5); i > 0; i--) {
                    text.append("- ");
                    sentences(text, rng.between(20, 120));
                    text.append('\n');
                }
                text.append('\n');
            } else {
                int language = rng.nextInt(Phrases.LANGUAGES.length);
                text.append("```").append(Phrases.FENCES[language]).append('\n');
                codeLines(text, language, rng.between(150, 1_500));
                text.append("```\n\n");
            }
        }
        return text.toString().strip();
    }

    String thinking() {
        StringBuilder text = new StringBuilder();
        sentences(text, (int) Math.min(4_000, rng.logNormal(300, 0.8)));
        return text.toString();
    }

    /** The input of a tool call, as the JSON text Claude Code records for it. */
    String toolInput(String tool) {
        String path = path();
        return switch (tool) {
            case "Bash" -> "{\"command\":\"" + escaped(rng.pick(Phrases.SHELL)) + "\",\"description\":\"" + rng.pick(Phrases.WORDS) + "\"}";
            case "Read", "Write" -> "{\"file_path\":\"" + path + "\"}";
            case "Edit" -> "{\"file_path\":\"" + path + "\",\"old_string\":\"" + escaped(fill(Phrases.JAVA[rng.nextInt(Phrases.JAVA.length)]))
                    + "\",\"new_string\":\"" + escaped(fill(Phrases.JAVA[rng.nextInt(Phrases.JAVA.length)])) + "\"}";
            case "Grep" -> "{\"pattern\":\"" + rng.pick(Phrases.IDENTIFIERS) + "\\\\(\",\"path\":\"src\"}";
            case "Glob" -> "{\"pattern\":\"**/*." + rng.pick(Phrases.FENCES) + "\"}";
            default -> "{\"todos\":[{\"content\":\"" + rng.pick(Phrases.WORDS) + ' ' + rng.pick(Phrases.WORDS) + "\",\"status\":\"pending\"}]}";
        };
    }

    /** A tool's output: the long tail of the corpus, from a few bytes to {@link #MAX_TOOL_OUTPUT}. */
    String toolOutput(String tool) {
        int target = (int) Math.max(4, Math.min(MAX_TOOL_OUTPUT, rng.logNormal(1_400, 1.6)));
        StringBuilder text = new StringBuilder(Math.min(target + 256, MAX_TOOL_OUTPUT + 256));
        switch (tool) {
            case "Read" -> numberedFile(text, target);
            case "Grep" -> grepHits(text, target);
            case "Glob" -> {
                while (text.length() < target) {
                    text.append(path()).append('\n');
                }
            }
            case "Edit", "Write" -> text.append("The file ").append(path()).append(" has been updated.");
            default -> logLines(text, target);
        }
        return cut(text, MAX_TOOL_OUTPUT);
    }

    String systemNote() {
        return rng.pick(Phrases.SYSTEM);
    }

    private void sentences(StringBuilder text, int target) {
        int end = text.length() + target;
        while (text.length() < end) {
            int words = rng.between(4, 18);
            for (int i = 0; i < words; i++) {
                String word = rng.pick(Phrases.WORDS);
                if (i == 0) {
                    word = capitalised(word);
                } else {
                    text.append(' ');
                }
                if (rng.chance(0.04)) {
                    text.append('`').append(rng.pick(Phrases.IDENTIFIERS)).append("()`");
                } else {
                    text.append(word);
                }
            }
            if (rng.chance(UNICODE_SHARE)) {
                text.append(' ').append(rng.pick(Phrases.UNICODE));
            }
            text.append(rng.chance(0.15) ? "? " : ". ");
        }
    }

    private void codeLines(StringBuilder text, int language, int target) {
        String[] shapes = Phrases.LANGUAGES[language];
        int end = text.length() + target;
        while (text.length() < end) {
            String line = fill(shapes[rng.nextInt(shapes.length)]);
            if (rng.chance(0.05)) {
                line = line.replace("    ", "\t");
            }
            text.append(line).append('\n');
        }
    }

    private void logLines(StringBuilder text, int target) {
        while (text.length() < target) {
            text.append(fill(rng.pick(Phrases.LOG))).append('\n');
        }
    }

    private void numberedFile(StringBuilder text, int target) {
        int language = rng.nextInt(Phrases.LANGUAGES.length);
        String[] shapes = Phrases.LANGUAGES[language];
        for (int number = 1; text.length() < target; number++) {
            text.append(String.format(Locale.ROOT, "%6d\u2192", number)).append(fill(shapes[rng.nextInt(shapes.length)])).append('\n');
        }
    }

    private void grepHits(StringBuilder text, int target) {
        while (text.length() < target) {
            text.append(path()).append(':').append(rng.between(1, 900)).append(':')
                    .append(fill(Phrases.JAVA[rng.nextInt(Phrases.JAVA.length)]).strip()).append('\n');
        }
    }

    private String path() {
        return "/home/dev/" + project + "/src/" + rng.pick(Phrases.IDENTIFIERS) + '/' + rng.pick(Phrases.TYPES)
                + rng.pick(Phrases.TYPES) + '.' + rng.pick(Phrases.FENCES);
    }

    private String fill(String shape) {
        if (shape.indexOf('{') < 0) {
            return shape;
        }
        String id = rng.pick(Phrases.IDENTIFIERS);
        return shape.replace("{id}", id)
                .replace("{id2}", rng.pick(Phrases.IDENTIFIERS))
                .replace("{ID}", id.toUpperCase(Locale.ROOT))
                .replace("{T}", rng.pick(Phrases.TYPES))
                .replace("{T2}", rng.pick(Phrases.TYPES))
                .replace("{n}", Integer.toString(rng.between(0, 999)))
                .replace("{n2}", Integer.toString(rng.between(0, 99)))
                .replace("{path}", path());
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
    }

    /** At most {@code max} UTF-8 bytes, cut at a line end where possible and never inside a character. */
    static String cut(StringBuilder text, int max) {
        if (utf8Length(text) <= max) {
            return text.toString();
        }
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int codePoint = Character.codePointAt(text, end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > max) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        int lineEnd = text.lastIndexOf("\n", end - 1);
        return text.substring(0, lineEnd > end / 2 ? lineEnd + 1 : end);
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
