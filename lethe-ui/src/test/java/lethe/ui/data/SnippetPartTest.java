package lethe.ui.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetPartTest {

    static final String OPEN = "\u0002abc[";
    static final String CLOSE = "]abc\u0003";

    @Test
    void splitsMatchesFromTheTextAroundThem() {
        assertThat(SnippetPart.split("…run the " + OPEN + "zebra" + CLOSE + " and " + OPEN + "quokka" + CLOSE + "…", OPEN, CLOSE))
                .containsExactly(new SnippetPart("…run the ", false), new SnippetPart("zebra", true),
                        new SnippetPart(" and ", false), new SnippetPart("quokka", true), new SnippetPart("…", false));
    }

    @Test
    void textWithoutMarkersIsOnePlainPart() {
        assertThat(SnippetPart.split("«fake» <mark>x</mark>", OPEN, CLOSE))
                .containsExactly(new SnippetPart("«fake» <mark>x</mark>", false));
        assertThat(SnippetPart.split("", OPEN, CLOSE)).isEmpty();
    }

    @Test
    void aMatchCutOffRunsToTheEndAndAStrayCloseIsDropped() {
        assertThat(SnippetPart.split("a" + CLOSE + "b " + OPEN + "cut", OPEN, CLOSE))
                .containsExactly(new SnippetPart("ab ", false), new SnippetPart("cut", true));
        assertThat(SnippetPart.split(OPEN + "x" + CLOSE + OPEN + "y" + CLOSE, OPEN, CLOSE))
                .containsExactly(new SnippetPart("x", true), new SnippetPart("y", true));
    }
}
