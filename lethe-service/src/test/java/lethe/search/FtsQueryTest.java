package lethe.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FtsQueryTest {

    @Test
    void everyWordBecomesAQuotedPhrase() {
        assertThat(FtsQuery.of("gradle  build")).contains("\"gradle\" \"build\"");
    }

    @Test
    void quotesAreEscapedAndATrailingStarIsAPrefix() {
        assertThat(FtsQuery.of("say \"hi\" refact*")).contains("\"say\" \"\"\"hi\"\"\" \"refact\"*");
    }

    @Test
    void punctuationOnlyInputIsNoQuery() {
        assertThat(FtsQuery.of(" * ( ) ")).isEmpty();
        assertThat(FtsQuery.of(null)).isEmpty();
    }

    @Test
    void aNulOrOtherControlCharacterSeparatesWordsLikeASpace() {
        assertThat(FtsQuery.of("gra\u0000dle\u0007build")).contains("\"gra\" \"dle\" \"build\"");
    }
}
