package lethe.importer.claudecode;

import lethe.api.TurnEvent;
import lethe.api.Usage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What mapping a line needs to know about the lines before it in the same file: the name of each tool
 * call (a result names only the call's id), the usage already counted for each response, the subagent
 * run each inline sidechain line belongs to and the call that spawned it, the session meta last sent, the
 * titles read and the last turn of each session (the one a later title is sent with).
 *
 * <p>It is built only from earlier lines of the file, in order (and, for a sub-agent file, from its
 * parent session's file, which only ever grows), so mapping is a function of the file's prefix: a re-run
 * that rebuilds it by replaying the lines already sent maps the next lines as an uninterrupted run would.
 */
public final class FileContext {

    private final TranscriptFile file;
    private final String sourceLabel;
    final Map<String, String> toolNames = new HashMap<>();
    /** The call ids each assistant line made, by the line's uuid. */
    final Map<String, List<String>> callIdsByLine = new HashMap<>();
    final Map<String, long[]> usageCounted = new HashMap<>();
    /** By session: tokens of response lines that made no turn, carried by the session's next assistant turn. */
    final Map<String, Usage> unshownUsage = new HashMap<>();
    final Map<String, String> sidechainRoots = new HashMap<>();
    final Map<String, Map<String, Object>> metaSent = new HashMap<>();
    /** The spawning calls ({@code Task}/{@code Agent}) seen so far, for the inline sidechain runs that follow. */
    final List<Spawns.Spawn> spawns = new ArrayList<>();
    final Map<String, String> callIdByAgentId = new HashMap<>();
    /** For each inline sidechain run (by its root uuid), the call that spawned it, if one matched. */
    final Map<String, Optional<Spawns.Spawn>> sidechainSpawns = new HashMap<>();
    /** For a sub-agent file, what it was linked to; null until its first conversation line. */
    SubagentLink subagentLink;
    /** Titles by session id; a {@code custom-title} (set by the person) is never replaced by an {@code ai-title}. */
    final Map<String, String> titles = new HashMap<>();
    final Map<String, Boolean> titleIsCustom = new HashMap<>();
    final Map<String, TurnEvent> lastTurns = new HashMap<>();
    private long offset;
    private long lines;

    /** @param sourceLabel the file's path as shown to people ({@code ~/.claude/projects/…}) */
    public FileContext(TranscriptFile file, String sourceLabel) {
        this.file = Objects.requireNonNull(file, "file");
        this.sourceLabel = Objects.requireNonNull(sourceLabel, "sourceLabel");
    }

    public TranscriptFile file() {
        return file;
    }

    String sourceLabel() {
        return sourceLabel;
    }

    /** The byte offset just past the last line mapped with this context. */
    public long offset() {
        return offset;
    }

    /** How many lines have been mapped with this context. */
    public long lines() {
        return lines;
    }

    public void advance(long offset, long lines) {
        this.offset = offset;
        this.lines = lines;
    }

    /** A sub-agent file's place: the call that spawned it (if found) and what its meta file says. */
    record SubagentLink(Spawns.Spawn spawn, Spawns.AgentMeta meta) {
    }
}
