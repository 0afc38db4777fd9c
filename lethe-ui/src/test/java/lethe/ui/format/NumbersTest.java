package lethe.ui.format;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    @Test
    void compactCountsReadAtAGlance() {
        assertThat(Numbers.compact(0)).isEqualTo("0");
        assertThat(Numbers.compact(999)).isEqualTo("999");
        assertThat(Numbers.compact(1_234)).isEqualTo("1.2k");
        assertThat(Numbers.compact(45_012)).isEqualTo("45k");
        assertThat(Numbers.compact(999_950)).isEqualTo("1M");
        assertThat(Numbers.compact(5_706_262)).isEqualTo("5.7M");
        assertThat(Numbers.compact(2_000_000_000L)).isEqualTo("2G");
    }

    @Test
    void exactCountsUseAThinSpaceBetweenThousands() {
        assertThat(Numbers.exact(5_706_262)).isEqualTo("5\u202f706\u202f262");
        assertThat(Numbers.exact(12)).isEqualTo("12");
    }

    @Test
    void sizes() {
        assertThat(Numbers.bytes(812)).isEqualTo("812 B");
        assertThat(Numbers.bytes(4_200)).isEqualTo("4.2 kB");
        assertThat(Numbers.bytes(5_242_880)).isEqualTo("5.2 MB");
    }
}
