package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV/TSV with chosen columns; bad rows made here, each checked for its file:line message. */
class DelimitedReaderTest {

    @TempDir
    Path dir;

    private static final DelimitedOptions TSV = DelimitedOptions.of('\t', "text", "label")
            .withId(ColumnRef.named("id")).withLabels(List.of("pos", "neg"));

    @Test
    void csvWithQuotedMultiLineFieldAndChosenColumns() throws Exception {
        Path f = dir.resolve("reviews.csv");
        Files.writeString(f, "label,extra,text\n"
                + "pos,x,\"Great, \"\"really\"\" great\"\n"
                + "neg,y,\"two\nlines\"\n"
                + "pos,z, leading space kept\n");
        Dataset d = DelimitedReader.read(DataFile.of(f), DelimitedOptions.of(',', "text", "label"), "reviews", "en",
                "test", BadRowPolicy.FAIL);
        assertThat(d.labels()).containsExactly("neg", "pos"); // open label space: sorted
        assertThat(d.examples()).extracting(Example::text)
                .containsExactly("Great, \"really\" great", "two\nlines", " leading space kept");
        // ids default to the line where the record starts; the multi-line record pushes the next one to line 5
        assertThat(d.examples()).extracting(Example::id).containsExactly("2", "3", "5");
        assertThat(d.examples().get(2).source()).isEqualTo(new SourceLocation(f.toString(), 5));
    }

    @Test
    void multiLabelColumnWithSeparator() throws Exception {
        Path f = dir.resolve("multi.tsv");
        Files.writeString(f, "text\ttags\nsome text\ta| b |a\nother\tc\n");
        DelimitedOptions o = DelimitedOptions.of('\t', "text", "tags").multiLabel("|");
        Dataset d = DelimitedReader.read(DataFile.of(f), o, "m", "en", "train", BadRowPolicy.FAIL);
        assertThat(d.multiLabel()).isTrue();
        assertThat(d.examples().get(0).labels()).containsExactly("a", "b");
        assertThat(d.labels()).containsExactly("a", "b", "c");
    }

    @Test
    void headerlessFileByColumnPosition() throws Exception {
        Path f = dir.resolve("plain.tsv");
        Files.writeString(f, "neg\tbad film\npos\tgood film\n");
        DelimitedOptions o = new DelimitedOptions('\t', false, ColumnRef.parse("#1"), ColumnRef.parse("#0"), null,
                null, null, null);
        Dataset d = DelimitedReader.read(DataFile.of(f), o, "p", "en", "train", BadRowPolicy.FAIL);
        assertThat(d.examples()).extracting(Example::text).containsExactly("bad film", "good film");
    }

    @Test
    void eachKindOfBadRowFailsWithFileAndLine() throws Exception {
        String header = "id\tlabel\ttext\n";
        expectFailure(header + "1\tpos\tok\n2\tpos\n", ":3: expected 3 columns [id, label, text], found 2");
        expectFailure(header + "1\tmeh\tok\n", ":2: unknown label 'meh', expected one of [pos, neg] in column 'label'");
        expectFailure(header + "1\tpos\t\u00a0 \n", ":2: empty text in column 'text'");
        expectFailure(header + "1\t\tok\n", ":2: empty label in column 'label'");
        expectFailure(header + "1\tpos\tok\n1\tneg\tagain\n", ":3: duplicate id '1' (first at line 2)");
        expectFailure("id\tlabel\tbody\n1\tpos\tok\n", ":1: no text column 'text' in header [id, label, body]");
    }

    @Test
    void skipPolicyCountsAndListsBadRows() throws Exception {
        Path f = dir.resolve("mixed.tsv");
        Files.writeString(f, "id\tlabel\ttext\n1\tpos\tok\n2\tmeh\tx\n3\tneg\n4\tneg\tfine\n");
        Dataset d = DelimitedReader.read(DataFile.of(f), TSV, "t", "en", "test", BadRowPolicy.SKIP);
        assertThat(d.examples()).extracting(Example::id).containsExactly("1", "4");
        assertThat(d.skipped().count()).isEqualTo(2);
        assertThat(d.skipped().skipped()).extracting(Object::toString).containsExactly(
                f + ":3: unknown label 'meh', expected one of [pos, neg] in column 'label'",
                f + ":4: expected 3 columns [id, label, text], found 2");
        assertThat(d.skipped().summary(1)).contains("2 rows skipped").contains("... and 1 more");
    }

    @Test
    void malformedUtf8IsDetectedNotReplaced() throws Exception {
        Path f = dir.resolve("latin1.tsv");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("id\tlabel\ttext\n1\tpos\tok\n2\tneg\tcaf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // byte 10 of line 3 ("2\tneg\tcaf" is 9 bytes): 'é' in ISO-8859-1: a lone UTF-8 lead byte followed by a newline
        b.writeBytes("\n3\tpos\tna\u00efve\n".getBytes(StandardCharsets.UTF_8));
        Files.write(f, b.toByteArray());
        assertThatThrownBy(() -> DelimitedReader.read(DataFile.of(f), TSV, "t", "en", "test", BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class)
                .hasMessage(f + ":3: malformed UTF-8 at byte 10 of the line (0xE9); the file must be UTF-8");
        Dataset d = DelimitedReader.read(DataFile.of(f), TSV, "t", "en", "test", BadRowPolicy.SKIP);
        assertThat(d.examples()).extracting(Example::text).containsExactly("ok", "na\u00efve");
        assertThat(d.examples().get(1).source().line()).isEqualTo(4); // numbering survives the dropped line
        assertThat(d.skipped().skipped()).singleElement().satisfies(r -> assertThat(r.location().line()).isEqualTo(3));
    }

    @Test
    void unterminatedQuoteStopsEvenUnderSkip() throws Exception {
        Path f = dir.resolve("quote.tsv");
        Files.writeString(f, "id\tlabel\ttext\n1\tpos\t\"never closed\n2\tneg\tx\n");
        assertThatThrownBy(() -> DelimitedReader.read(DataFile.of(f), TSV, "t", "en", "test", BadRowPolicy.SKIP))
                .isInstanceOf(BadRowException.class)
                .hasMessageContaining(f.toString() + ":")
                .hasMessageContaining("cannot parse CSV/TSV");
    }

    @Test
    void byteOrderMarkAndCrLfAreHandled() throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.writeString(f, "\ufefftext,label\r\nhello,pos\r\n");
        Dataset d = DelimitedReader.read(DataFile.of(f), DelimitedOptions.of(',', "text", "label"), "b", "en", "t",
                BadRowPolicy.FAIL);
        assertThat(d.examples()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("hello"));
    }

    private void expectFailure(String content, String expectedSuffix) throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".tsv");
        Files.writeString(f, content);
        assertThatThrownBy(() -> DelimitedReader.read(DataFile.of(f), TSV, "t", "en", "test", BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class)
                .hasMessage(f + expectedSuffix);
    }
}
