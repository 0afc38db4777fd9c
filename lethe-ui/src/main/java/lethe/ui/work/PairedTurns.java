package lethe.ui.work;

import lethe.api.Turn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Pairs each tool call with the output that answers it as the turns arrive, in order, and hands each turn on
 * once its pairing is known: by call id, or for old-form turns (no ids) the earliest unanswered call of the same
 * tool before the output. An output no call claims is handed on by itself; an output that joined its call is
 * not handed on again. A call waits for its output together with every turn after it, but only up to
 * {@code maxTurns} turns or {@code maxChars} characters of their text: past that the oldest waiting call is
 * handed on without its output (which is then shown on its own), so a session of any size is paired in bounded
 * memory. {@link Pairing} is this without a bound, for a window of turns already in memory.
 */
public final class PairedTurns<E extends Exception> {

    /** A turn as it is shown: with its call and that call's output, or as an output of its own, or plain. */
    public record Paired(int index, Turn turn, Call call, Output output, int resultIndex, Output result) {
    }

    /** Receives the turns in their order, each once its pairing is known. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void accept(Paired paired) throws E;
    }

    private static final class Entry {
        final int index;
        final Turn turn;
        final long chars;
        Call call;
        Output output;
        int resultIndex = -1;
        Output result;
        boolean absorbed;
        boolean waiting;

        Entry(int index, Turn turn) {
            this.index = index;
            this.turn = turn;
            this.chars = 256L + (turn.content() == null ? 0 : turn.content().length());
        }
    }

    private final Sink<E> sink;
    private final int maxTurns;
    private final long maxChars;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private final Map<String, Entry> byId = new HashMap<>();
    private final Deque<Entry> unanswered = new ArrayDeque<>();
    /** Codex processes still running after their call returned, by id, with the command that started them. */
    private final Map<String, String> running = new HashMap<>();
    private long pendingChars;
    private int count;

    public PairedTurns(Sink<E> sink, int maxTurns, long maxChars) {
        this.sink = sink;
        this.maxTurns = maxTurns;
        this.maxChars = maxChars;
    }

    public void accept(Turn turn) throws E {
        Entry entry = new Entry(count++, turn);
        if (Pairing.isCall(turn)) {
            Call call = Call.of(turn).orElse(null);
            entry.call = call;
            if (call != null && call.id() != null) {
                Entry replaced = byId.put(call.id(), entry);
                if (replaced != null) {
                    replaced.waiting = false;
                }
                entry.waiting = true;
            } else if (call != null) {
                unanswered.add(entry);
                entry.waiting = true;
            }
        } else if (Pairing.isOutput(turn)) {
            Output output = Output.of(turn);
            entry.output = output;
            Entry call = output.callId() != null ? byId.remove(output.callId()) : oldFormCall(turn);
            if (call != null && call.resultIndex < 0) {
                call.resultIndex = entry.index;
                call.result = output;
                call.waiting = false;
                entry.absorbed = true;
            }
        }
        pending.add(entry);
        pendingChars += entry.chars;
        drain();
        while (!pending.isEmpty() && (pending.size() > maxTurns || pendingChars > maxChars)) {
            giveUp(pending.peekFirst());
            drain();
        }
    }

    /** Hands on every turn still waiting: the session has no more. */
    public void finish() throws E {
        for (Entry entry : pending) {
            entry.waiting = false;
        }
        byId.clear();
        unanswered.clear();
        drain();
    }

    private Entry oldFormCall(Turn result) {
        for (Iterator<Entry> it = unanswered.iterator(); it.hasNext(); ) {
            Entry candidate = it.next();
            String name = candidate.turn.toolName();
            if (result.toolName() == null || name == null || name.equals(result.toolName())) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    private void giveUp(Entry call) {
        call.waiting = false;
        if (call.call.id() != null) {
            byId.remove(call.call.id(), call);
        } else {
            unanswered.remove(call);
        }
    }

    private void drain() throws E {
        while (!pending.isEmpty() && !pending.peekFirst().waiting) {
            Entry entry = pending.removeFirst();
            pendingChars -= entry.chars;
            if (!entry.absorbed) {
                sink.accept(new Paired(entry.index, entry.turn, named(entry), entry.output, entry.resultIndex,
                        entry.result));
            }
        }
    }

    /** The call, knowing the command of the process it polls; and the process its own command left running. */
    private Call named(Entry entry) {
        Call call = entry.call;
        if (call == null || call.family() != ToolFamily.SHELL) {
            return call;
        }
        String polled = Shell.polledProcess(call);
        if (polled != null && running.containsKey(polled)) {
            call = call.polling(running.get(polled));
        }
        String command = Shell.command(call);
        String process = entry.result == null || command == null ? null : Shell.runningProcess(entry.result.text());
        if (process != null) {
            running.put(process, command);
        }
        return call;
    }
}
