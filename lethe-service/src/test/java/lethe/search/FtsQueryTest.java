package lethe.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FtsQueryTest {

    private static FtsQuery parse(String text) {
        return FtsQuery.parse(text).orElseThrow();
    }

    @Test
    void everyWordBecomesAQuotedPhraseForTheWordIndex() {
        assertThat(parse("gradle  build").words()).isEqualTo("\"gradle\" \"build\"");
        assertThat(parse("gradle  build").substrings()).isNull();
    }

    @Test
    void quotesAreEscapedAndATrailingStarIsAPrefix() {
        assertThat(parse("say \"hi\" refact*").words()).isEqualTo("\"say\" \"\"\"hi\"\"\" \"refact\"*");
    }

    @Test
    void punctuationOnlyInputIsNoQuery() {
        assertThat(FtsQuery.parse(" * ( ) ")).isEmpty();
        assertThat(FtsQuery.parse(null)).isEmpty();
    }

    @Test
    void aNulOrOtherControlCharacterSeparatesWordsLikeASpace() {
        assertThat(parse("gra\u0000dle\u0007build").words()).isEqualTo("\"gra\" \"dle\" \"build\"");
    }

    @Test
    void cjkTermsAreSubstringsThroughTrigramsOrAScanWhenShorterThanThree() {
        FtsQuery query = parse("最新の状態 最新 한국어 gradle");

        assertThat(query.substrings()).isEqualTo("\"最新の状態\" \"한국어\"");
        assertThat(query.shortSubstrings()).containsExactly("最新");
        assertThat(query.words()).isEqualTo("\"gradle\"");
    }

    @Test
    void aLeadingStarAsksForASubstring() {
        assertThat(parse("*Todos").substrings()).isEqualTo("\"Todos\"");
        assertThat(parse("*Todos").words()).isNull();
    }

    @Test
    void wordsOfThreeCharactersOrMoreCanBeWidenedToSubstrings() {
        FtsQuery widened = parse("useTodos ab").asSubstrings().orElseThrow();

        assertThat(widened.substrings()).isEqualTo("\"useTodos\"");
        assertThat(widened.words()).isEqualTo("\"ab\"");
        assertThat(parse("ab").asSubstrings()).isEmpty();
        assertThat(parse("最新").asSubstrings()).isEmpty();
    }

    @Test
    void likePatternsEscapeTheirWildcards() {
        assertThat(FtsQuery.likePattern("5%_!")).isEqualTo("%5!%!_!!%");
    }
}
