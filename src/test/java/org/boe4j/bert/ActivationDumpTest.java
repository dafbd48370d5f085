package org.boe4j.bert;

import com.google.gson.JsonObject;
import org.boe4j.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code audit --out DIR} (issue 16, defect 2): a dump replaces only an empty directory or an earlier dump that holds
 * nothing else; it never deletes a user's files, and never turns a regular file into a directory.
 */
class ActivationDumpTest {

    static BertInputs inputs;
    static BertEncoding encoding;

    @TempDir
    Path dir;

    @BeforeAll
    static void encode() {
        BertModel model = BertModel.build(BertModelTest.CONFIG);
        inputs = BertInputs.of(BertModelTest.ids(2, 5, 3), null, null);
        encoding = model.forward(inputs, true);
    }

    private static void dump(Path out) throws IOException {
        ActivationDump.write(out, inputs, encoding, new JsonObject());
    }

    private static String[] names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void anEarlierDumpIsReplacedAndAnEmptyDirectoryFilled() throws IOException {
        Path out = Files.createDirectories(dir.resolve("audit"));
        dump(out);
        String[] first = names(out);
        assertThat(first).contains("index.json", "input_ids.npy", "encoder.layer.1.output.npy", "pooled_output.npy");
        dump(out);
        assertThat(names(out)).containsExactly(first);
        assertThat(Npy.read(out.resolve("pooled_output.npy")).equals(encoding.pooledOutput())).isTrue();
    }

    @Test
    void aDirectoryOfOtherFilesIsRefusedAndKept() throws IOException {
        Path out = Files.createDirectories(dir.resolve("home/sub"));
        Files.writeString(dir.resolve("home/thesis.tex"), "years of work");
        assertThatThrownBy(() -> dump(dir.resolve("home"))).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("home") + " is not empty and is not an earlier audit output (no index.json);"
                        + " choose another --out, or empty it first (audit replaces the whole directory)");
        assertThat(dir.resolve("home/thesis.tex")).hasContent("years of work");
        assertThat(out).isDirectory();
        assertThat(names(dir)).containsExactly("home");
    }

    @Test
    void aRegularFileIsRefusedAndKept() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "notes");
        assertThatThrownBy(() -> dump(file)).hasMessage(file + " exists and is not a directory; choose another --out");
        assertThat(file).isRegularFile().hasContent("notes");
    }

    @Test
    void anEarlierDumpWithTheUsersOwnFilesBesideItIsRefused() throws IOException {
        Path out = dir.resolve("audit");
        dump(out);
        Files.writeString(out.resolve("my-reference.npy"), "their reference");
        assertThatThrownBy(() -> dump(out)).hasMessageStartingWith(out + " holds an earlier audit output and also"
                + " files it did not write, [my-reference.npy], which replacing it would delete");
        assertThat(out.resolve("my-reference.npy")).exists();
    }

    @Test
    void anotherToolsIndexIsRefused() throws IOException {
        Path out = Files.createDirectories(dir.resolve("x"));
        Files.writeString(out.resolve("index.json"), "{\"format\": \"something-else\", \"files\": []}");
        assertThatThrownBy(() -> dump(out)).hasMessageContaining("has format \"something-else\", not"
                + " \"boe4j-activations\"");
    }
}
