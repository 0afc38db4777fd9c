package lethe.ui.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A shell call as the command a person would have typed, and its output with the exit status the tool
 * reported. Codex sends the command as an argument vector ({@code ["bash", "-lc", "npm test"]}) and its
 * output either as JSON ({@code {"output": …, "metadata": {"exit_code": 1}}}) or as text headed by
 * {@code Exit code: 1}, or (its unified exec, {@code exec_command}/{@code write_stdin}) headed by
 * {@code Chunk ID: …}, {@code Process exited with code 1} and {@code Output:}; Gemini CLI's
 * {@code run_shell_command} reports {@code Command: …}, {@code Output: …}, {@code Error: …} and
 * {@code Exit Code: 1} as labelled lines; the others send a command string and plain output.
 */
public final class Shell {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXIT_HEADER = Pattern.compile(
            "\\AExit code: (-?\\d+)\\n(?:Wall time: [^\\n]*\\n)?(?:Total output lines: [^\\n]*\\n)?Output:\\n?(.*)\\z",
            Pattern.DOTALL);
    /** Codex's unified exec: a still-running process has no exit code yet ("Process running with session ID 7"). */
    private static final Pattern EXEC_HEADER = Pattern.compile(
            "\\AChunk ID: [^\\n]*\\n(?:Wall time: [^\\n]*\\n)?(?:Process exited with code (-?\\d+)\\n|Process running[^\\n]*\\n)?"
                    + "(?:Original token count: [^\\n]*\\n)?Output:\\n?(.*)\\z", Pattern.DOTALL);
    /** Gemini CLI: the output runs until the {@code Error:} line just above {@code Exit Code:}; "(empty)" and "(none)" stand for nothing. */
    private static final Pattern GEMINI_REPORT = Pattern.compile(
            "\\ACommand: [^\\n]*\\nDirectory: [^\\n]*\\nOutput: ?(.*?)\\nError: ([^\\n]*)\\nExit Code: (-?\\d+|\\(none\\))(?:\\n.*)?\\z",
            Pattern.DOTALL);
    /** What Codex's unified exec answers when the command outlives the call: later {@code write_stdin} polls read it. */
    private static final Pattern RUNNING = Pattern.compile("\\AChunk ID: [^\\n]*\\n(?:Wall time: [^\\n]*\\n)?Process running with session ID (\\d+)\\n");
    private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    /** The output to show and the exit code, when the tool reported one. */
    public record Result(String text, Integer exitCode) {
    }

    private Shell() {
    }

    public static String command(Call call) {
        if (call.polled() != null) {
            return call.polled();
        }
        Object command = call.input().get("command");
        if (command == null) {
            command = call.input().get("cmd");
        }
        if (command instanceof String text) {
            return text;
        }
        if (command instanceof List<?> argv && !argv.isEmpty()) {
            if (argv.size() == 3 && List.of("bash", "sh", "zsh", "/bin/bash", "/bin/sh").contains(String.valueOf(argv.get(0)))
                    && List.of("-lc", "-c").contains(String.valueOf(argv.get(1)))) {
                return String.valueOf(argv.get(2));
            }
            return argv.stream().map(String::valueOf).map(Shell::quoted).collect(Collectors.joining(" "));
        }
        return null;
    }

    public static Result result(String output) {
        String stripped = output.stripLeading();
        if (stripped.startsWith("{") && output.length() < Call.MAX_PARSED) {
            try {
                JsonNode node = JSON.readTree(stripped);
                if (node != null && node.isObject() && node.path("output").isTextual()) {
                    JsonNode exit = node.path("metadata").path("exit_code");
                    return new Result(node.get("output").asText(), exit.isIntegralNumber() ? exit.asInt() : null);
                }
            } catch (JsonProcessingException e) {
                return new Result(output, null);
            }
        }
        Matcher header = EXIT_HEADER.matcher(output);
        if (header.matches()) {
            return new Result(header.group(2), Integer.valueOf(header.group(1)));
        }
        Matcher exec = EXEC_HEADER.matcher(output);
        if (exec.matches()) {
            return new Result(exec.group(2), exec.group(1) == null ? null : Integer.valueOf(exec.group(1)));
        }
        Matcher gemini = GEMINI_REPORT.matcher(output);
        if (gemini.matches()) {
            String text = "(empty)".equals(gemini.group(1)) ? "" : gemini.group(1);
            String error = gemini.group(2);
            if (!"(none)".equals(error) && !error.isBlank()) {
                text = text.isEmpty() ? error : text + "\n" + error;
            }
            String exit = gemini.group(3);
            return new Result(text, "(none)".equals(exit) ? null : Integer.valueOf(exit));
        }
        return new Result(output, null);
    }

    /** The process a Codex command left running, from its call's output ("Process running with session ID 7"), or null. */
    static String runningProcess(String output) {
        Matcher running = RUNNING.matcher(output);
        return running.find() ? running.group(1) : null;
    }

    /** The process a Codex {@code write_stdin} poll reads, or null when the call is no such poll. */
    public static String polledProcess(Call call) {
        Object process = call.input().get("session_id");
        return "write_stdin".equals(call.name()) && (process instanceof Number || process instanceof String)
                ? String.valueOf(process) : null;
    }

    private static String quoted(String word) {
        return SAFE_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
