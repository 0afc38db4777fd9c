package lethe.ui.transcript;

/** An entry of the side panel's list of the user's prompts: where it is and how it begins. */
public record PromptLink(String anchor, String text) {
}
