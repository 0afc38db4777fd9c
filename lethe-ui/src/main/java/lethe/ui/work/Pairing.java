package lethe.ui.work;

import lethe.api.Turn;
import lethe.api.TurnKind;

import java.util.Arrays;
import java.util.List;

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

    /** The turns of a window already in memory, paired without a bound (see {@link PairedTurns}). */
    public static Pairing of(List<Turn> turns) {
        Pairing pairing = new Pairing(turns.size());
        Arrays.fill(pairing.resultOf, -1);
        PairedTurns<RuntimeException> paired = new PairedTurns<>(turn -> {
            pairing.calls[turn.index()] = turn.call();
            pairing.outputs[turn.index()] = turn.output();
            pairing.resultOf[turn.index()] = turn.resultIndex();
            if (turn.resultIndex() >= 0) {
                pairing.outputs[turn.resultIndex()] = turn.result();
                pairing.absorbed[turn.resultIndex()] = true;
            }
        }, Integer.MAX_VALUE, Long.MAX_VALUE);
        turns.forEach(paired::accept);
        paired.finish();
        return pairing;
    }

    public static boolean isCall(Turn turn) {
        return turn.toolCall() != null || TurnKind.TOOL_USE.equals(turn.kind());
    }

    public static boolean isOutput(Turn turn) {
        return turn.toolResult() != null || TurnKind.TOOL_RESULT.equals(turn.kind())
                || (turn.kind() == null && "tool".equals(turn.role()));
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
