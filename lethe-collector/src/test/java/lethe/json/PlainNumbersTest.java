package lethe.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Doubles are written as people write times and amounts, never with an exponent, and read back exactly. */
class PlainNumbersTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(PlainNumbers.module());

    @Test
    void timestampsAreWrittenWithoutExponent() throws Exception {
        assertThat(mapper.writeValueAsString(List.of(1700000000.0, 1767221322.567, 0.25, -1.5e-5, 1e20)))
                .isEqualTo("[1700000000,1767221322.567,0.25,-0.000015,100000000000000000000]");
    }

    @Test
    void everyDoubleIsWrittenAsBigDecimalWouldAndReadsBackTheSame() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            double value = switch (i % 3) {
                case 0 -> random.nextDouble(0, 2e9) + random.nextInt(1000) / 1000.0;
                case 1 -> random.nextLong(-2_000_000_000_000L, 2_000_000_000_000L) / 1000.0;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            String written = PlainNumbers.plain(value);
            assertThat(written).doesNotContain("E").isEqualTo(BigDecimal.valueOf(value).toPlainString());
            assertThat(Double.parseDouble(written)).isEqualTo(value);
        }
    }
}
