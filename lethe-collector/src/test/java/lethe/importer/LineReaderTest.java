package lethe.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    @Test
    void everyLineKnowsItsNumberAndWhereItEnds() throws IOException {
        Path file = file("one\r\ntwo\n\nlast without newline");

        List<LineReader.Line> lines = readAll(file, 0, 0);

        assertThat(lines).extracting(LineReaderTest::text).containsExactly("one", "two", "", "last without newline");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).extracting(LineReader.Line::end).containsExactly(5L, 9L, 10L, 30L);
        assertThat(lines).extracting(LineReader.Line::terminated).containsExactly(true, true, true, false);
    }

    @Test
    void readingResumesAtAnOffsetWithTheNumberingContinued() throws IOException {
        Path file = file("one\ntwo\nthree\n");

        List<LineReader.Line> lines = readAll(file, 4, 1);

        assertThat(lines).extracting(LineReaderTest::text).containsExactly("two", "three");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(2L, 3L);
    }

    @Test
    void theNewlineThatCompletesALineAlreadyTakenIsNotReadAsAnEmptyLine() throws IOException {
        Path file = file("{\"a\":1}");
        LineReader.Line taken = readAll(file, 0, 0).get(0);
        Files.writeString(file, "{\"a\":1}\n{\"b\":2}\n");

        List<LineReader.Line> lines = readAll(file, taken.end(), taken.number());

        assertThat(lines).extracting(LineReaderTest::text).containsExactly("{\"b\":2}");
        assertThat(lines.get(0).number()).isEqualTo(2);
        assertThat(lines.get(0).end()).isEqualTo(16);
    }

    @Test
    void linesLongerThanTheReadBufferComeWhole() throws IOException {
        String big = "x".repeat(200_000);
        Path file = file(big + "\nsmall\n");

        List<LineReader.Line> lines = readAll(file, 0, 0);

        assertThat(lines).extracting(LineReaderTest::text).containsExactly(big, "small");
        assertThat(lines.get(1).contentEnd()).isEqualTo(200_006);
    }

    private static List<LineReader.Line> readAll(Path file, long offset, long linesBefore) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = LineReader.open(file, offset, linesBefore)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String text(LineReader.Line line) {
        return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
    }

    private static Path file(String content) throws IOException {
        Path file = Files.createTempFile("lines", ".jsonl");
        Files.writeString(file, content);
        return file;
    }
}
