package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsChosenFieldsSingleAndMultiLabel() throws Exception {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(f, "{\"doc\": 7, \"body\": \" Bonjour \\u00a0le monde\", \"y\": \"greeting\"}\n"
                + "\n"
                + "{\"doc\": \"x8\", \"body\": \"Au revoir\", \"y\": [\"farewell\", \"greeting\"]}\n");
        JsonlReader.Options multi = new JsonlReader.Options("body", "y", "doc", null, true);
        Dataset d = JsonlReader.read(DataFile.of(f), multi, "j", "fr", "test", BadRowPolicy.FAIL);
        assertThat(d.examples()).extracting(Example::id).containsExactly("7", "x8");
        assertThat(d.examples().get(0).text()).isEqualTo(" Bonjour \u00a0le monde");
        assertThat(d.examples().get(1).labels()).containsExactly("farewell", "greeting");
        assertThat(d.examples().get(1).source().line()).isEqualTo(3);
        assertThat(d.labels()).containsExactly("farewell", "greeting");

        JsonlReader.Options single = new JsonlReader.Options("body", "y", "doc", null, false);
        assertThatThrownBy(() -> JsonlReader.read(DataFile.of(f), single, "j", "fr", "test", BadRowPolicy.FAIL))
                .hasMessage(f + ":3: field 'y' missing or not a string");
    }

    @Test
    void badLinesFailOrAreSkipped() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"t\": \"ok\", \"l\": \"a\"}\n"
                + "{\"t\": \"broken\", \"l\": \n"
                + "[1, 2]\n"
                + "{\"l\": \"a\"}\n"
                + "{\"t\": \"ok\", \"l\": \"zzz\"}\n");
        JsonlReader.Options o = new JsonlReader.Options("t", "l", null, List.of("a", "b"), false);
        assertThatThrownBy(() -> JsonlReader.read(DataFile.of(f), o, "j", "en", "x", BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class).hasMessageStartingWith(f + ":2: not valid JSON");
        Dataset d = JsonlReader.read(DataFile.of(f), o, "j", "en", "x", BadRowPolicy.SKIP);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.skipped().skipped()).extracting(BadRowReport.SkippedRow::reason).containsExactly(
                d.skipped().skipped().get(0).reason(),
                "expected a JSON object, found [1, 2]",
                "field 't' missing or not a string",
                "unknown label 'zzz', expected one of [a, b] in field 'l'");
        assertThat(d.skipped().skipped().get(0).reason()).startsWith("not valid JSON");
    }
}
