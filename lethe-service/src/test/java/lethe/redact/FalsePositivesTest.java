package lethe.redact;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real transcripts (code, diffs, hashes, UUIDs, file listings) keep their text: every redaction in them
 * is a false positive. The count is reported in the README; it is zero today and must stay low.
 */
class FalsePositivesTest {

    @Test
    void theRealTranscriptFixturesHaveNoSecretsRedacted() {
        List<String> texts = FixtureTexts.all();
        RedactionTally tally = new RedactionTally();
        List<String> redacted = new ArrayList<>();
        for (String text : texts) {
            String out = RedactorTest.REDACTOR.redact(text, tally);
            if (!out.equals(text)) {
                redacted.add(out);
            }
        }

        assertThat(texts).hasSizeGreaterThan(1000);
        assertThat(tally.byRule()).as("redactions in %d texts of the fixtures: %s", texts.size(), redacted).isEmpty();
    }
}
