package lethe.redact;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordsTest {

    private final Keywords keywords = new Keywords(List.of("akia", "://", "s.", "key"), new boolean[] {false, true, false, true});

    @Test
    void keywordsAreFoundWhateverTheirCaseAndPositionalOnesWhereTheyEnd() {
        Keywords.Hits hits = keywords.find("xAkIa, HTTPS://host and MonKEY.");

        assertThat(hits.found.stream().toArray()).containsExactly(0, 1, 3);
        BitSet positional = new BitSet();
        positional.set(1);
        positional.set(3);
        assertThat(hits.ends(positional)).containsExactly(15, 30);
    }

    @Test
    void aCharacterInNoKeywordBreaksAKeywordItInterrupts() {
        assertThat(keywords.find("ak\u00e9ia k\u00e9ey s\u00a0. k3ey").found.isEmpty()).isTrue();
        assertThat(keywords.find("akiakey s.").found.cardinality()).isEqualTo(3);
    }
}
