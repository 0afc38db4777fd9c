package lethe.api;

/**
 * The {@code kind} values with a documented meaning (SPEC §11). Another lower-case word is allowed on the
 * wire and shown generically; these are constants, not an enum, so an unknown kind is never an error.
 */
public final class TurnKind {
    public static final String TEXT = "text";
    public static final String THINKING = "thinking";
    public static final String TOOL_USE = "tool_use";
    public static final String TOOL_RESULT = "tool_result";
    public static final String IMAGE = "image";
    public static final String SYSTEM = "system";
    public static final String COMPACTION = "compaction";
    public static final String ERROR = "error";

    private TurnKind() {
    }
}
