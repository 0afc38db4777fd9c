package lethe.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A turn's stored text is written exactly as Jackson would write it, only faster. */
class Utf8JsonStringTest {

    private final ObjectMapper mapper = Jackson.newObjectMapper();

    @Test
    void everyControlCharacterQuoteAndBackslashIsEscapedAsJacksonEscapesThem() throws IOException {
        StringBuilder text = new StringBuilder("plain ");
        for (char c = 0; c < 0x20; c++) {
            text.append(c).append('x');
        }
        text.append("\"quoted\" back\\slash / slash \u007f delete, é, 漢字, 🙂 and a last newline\n");
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(ours(utf8)).isEqualTo(jacksons(utf8));
        assertThat(mapper.readValue(ours(utf8), String.class)).isEqualTo(text.toString());
    }

    @Test
    void textsWithNothingToEscapeAndEmptyTextsAreWrittenAsTheyAre() throws IOException {
        byte[] plain = "no escapes here, 漢字 too".getBytes(StandardCharsets.UTF_8);
        assertThat(ours(plain)).isEqualTo(jacksons(plain));
        assertThat(ours(new byte[0])).isEqualTo("\"\"");
    }

    @Test
    void randomTextsOfEverySizeComeOutTheSameAsJacksons() throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        String alphabet = "abc \n\t\r\"\\/\u0000\u001f\u0085é漢🙂";
        for (int round = 0; round < 2_000; round++) {
            int length = round % 100 == 0 ? Utf8JsonString.MAX_BUFFERED + random.nextInt(1_000) : random.nextInt(3_000);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(ours(utf8)).isEqualTo(jacksons(utf8));
        }
    }

    @Test
    void oneWriterServesManyTextsInARow() throws IOException {
        Utf8JsonString writer = new Utf8JsonString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (String text : new String[] {"a\nb", "x".repeat(40_000) + "\n", "", "\"end\""}) {
                writer.write(json, text.getBytes(StandardCharsets.UTF_8));
            }
            json.writeEndArray();
        }
        assertThat(mapper.readValue(out.toByteArray(), String[].class))
                .containsExactly("a\nb", "x".repeat(40_000) + "\n", "", "\"end\"");
    }

    private String ours(byte[] utf8) throws IOException {
        return written(json -> new Utf8JsonString().write(json, utf8));
    }

    private String jacksons(byte[] utf8) throws IOException {
        return written(json -> json.writeUTF8String(utf8, 0, utf8.length));
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private String written(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            writing.write(json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
