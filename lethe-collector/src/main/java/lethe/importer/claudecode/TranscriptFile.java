package lethe.importer.claudecode;

import java.nio.file.Path;

/**
 * A Claude Code transcript and where it sits in {@code ~/.claude/projects}, which decides the sessions
 * its lines belong to.
 *
 * <ul>
 *   <li>{@code <project>/<session-id>.jsonl}: a main session; lines marked {@code isSidechain} in it are
 *       subagent runs written inline (Claude Code 1.0).</li>
 *   <li>{@code <project>/agent-<id>.jsonl} (2.0) and {@code <project>/<session-id>/subagents/agent-<id>.jsonl}
 *       (later): one subagent run per file, its lines carrying the parent's {@code sessionId}.</li>
 * </ul>
 *
 * @param projectDir        the project directory; {@code summary} lines point at turns of files in it
 * @param agentId           for a subagent file, the id from its name; null for a main session file
 * @param parentSessionHint for a file under {@code <session-id>/subagents/}, that directory's name
 */
public record TranscriptFile(Path path, Path projectDir, String agentId, String parentSessionHint) {

    private static final String AGENT_PREFIX = "agent-";
    private static final String SUFFIX = ".jsonl";

    public static TranscriptFile of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        Path parent = absolute.getParent();
        if (!name.startsWith(AGENT_PREFIX) || !name.endsWith(SUFFIX) || name.length() == AGENT_PREFIX.length() + SUFFIX.length()) {
            return new TranscriptFile(absolute, parent, null, null);
        }
        String agentId = name.substring(AGENT_PREFIX.length(), name.length() - SUFFIX.length());
        boolean nested = parent.getFileName() != null && parent.getFileName().toString().equals("subagents")
                && parent.getParent() != null && parent.getParent().getParent() != null;
        if (nested) {
            Path sessionDir = parent.getParent();
            return new TranscriptFile(absolute, sessionDir.getParent(), agentId, sessionDir.getFileName().toString());
        }
        return new TranscriptFile(absolute, parent, agentId, null);
    }

    public boolean isSubagent() {
        return agentId != null;
    }
}
