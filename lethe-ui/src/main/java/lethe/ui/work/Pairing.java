package lethe.ui.work;

import lethe.api.Turn;
import lethe.api.TurnKind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Each tool call of a session with the output that answers it, so that a page or an export shows the two
 * together: by call id, or for old-form turns (no ids) the earliest unanswered call of the same tool
 * before the output. An output no call claims stays on its own. A Codex command that was still running
 * when its call returned is read by later {@code write_stdin} polls; each poll knows that command.
 */
public final class Pairing {

    private final Call[] calls;
    private final Output[] outputs;
    private final int[] resultOf;
    private final boolean[] absorbed;

    private Pairing(int size) {
        calls = new Call[size];
        outputs = new Output[size];
        resultOf = new int[size];
        absorbed = new boolean[size];
    }

    public static Pairing of(List<Turn> turns) {
        Pairing pairing = new Pairing(turns.size());
        Map<String, Integer> byId = new HashMap<>();
        Deque<Integer> unanswered = new ArrayDeque<>();
        for (int i = 0; i < turns.size(); i++) {
            pairing.resultOf[i] = -1;
            Turn turn = turns.get(i);
            if (isCall(turn)) {
                Call call = Call.of(turn).orElse(null);
                pairing.calls[i] = call;
                if (call != null && call.id() != null) {
                    byId.put(call.id(), i);
                } else if (call != null) {
                    unanswered.add(i);
                }
            } else if (isOutput(turn)) {
                Output output = Output.of(turn);
                pairing.outputs[i] = output;
                Integer call = output.callId() != null ? byId.remove(output.callId()) : oldFormCall(turns, unanswered, turn);
                if (call != null && pairing.resultOf[call] < 0) {
                    pairing.resultOf[call] = i;
                    pairing.absorbed[i] = true;
                }
            }
        }
        pairing.nameThePolledCommands();
        return pairing;
    }

    private void nameThePolledCommands() {
        Map<String, String> running = new HashMap<>();
        for (int i = 0; i < calls.length; i++) {
            Call call = calls[i];
            if (call == null || call.family() != ToolFamily.SHELL) {
                continue;
            }
            String polled = Shell.polledProcess(call);
            if (polled != null && running.containsKey(polled)) {
                calls[i] = call.polling(running.get(polled));
            }
            String command = Shell.command(calls[i]);
            String process = resultOf[i] < 0 || command == null ? null : Shell.runningProcess(outputs[resultOf[i]].text());
            if (process != null) {
                running.put(process, command);
            }
        }
    }

    public static boolean isCall(Turn turn) {
        return turn.toolCall() != null || TurnKind.TOOL_USE.equals(turn.kind());
    }

    public static boolean isOutput(Turn turn) {
        return turn.toolResult() != null || TurnKind.TOOL_RESULT.equals(turn.kind())
                || (turn.kind() == null && "tool".equals(turn.role()));
    }

    private static Integer oldFormCall(List<Turn> turns, Deque<Integer> unanswered, Turn result) {
        for (Iterator<Integer> it = unanswered.iterator(); it.hasNext(); ) {
            int candidate = it.next();
            String name = turns.get(candidate).toolName();
            if (result.toolName() == null || name == null || name.equals(result.toolName())) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    /** The call turn {@code i} made, or null when it made none this could read. */
    public Call call(int i) {
        return calls[i];
    }

    /** The output turn {@code i} holds, or null when it is no output. */
    public Output output(int i) {
        return outputs[i];
    }

    /** The position of the output answering the call at {@code i}, or -1. */
    public int resultOf(int i) {
        return resultOf[i];
    }

    /** True when turn {@code i} is an output shown with its call instead of on its own. */
    public boolean absorbed(int i) {
        return absorbed[i];
    }
}
