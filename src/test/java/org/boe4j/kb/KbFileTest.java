package org.boe4j.kb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KbFileTest {

    @TempDir
    Path dir;

    static KnowledgeBase sample() {
        KbBuilder b = new KbBuilder(KbOptions.defaults().withMaxMentionLength(30));
        b.addEntry("en", "Paris", 0.5, "Paris", 0.9);
        b.addEntry("en", "Paris", 0.5, "Paris, Texas", 0.1);
        b.addEntry("ja", "東京", 0.8, "東京", 1.0);
        LanguageCounts de = b.counts("de");
        de.addLink("Frankreich", "Frankreich", 9);
        de.addLink("Frankreich", "Frankreich (Schiff)", 1);
        b.addInterlanguage("ja", "東京", "Tokyo");
        b.addInterlanguage("de", "Frankreich", "France");
        b.addInterlanguage("de", "Q142", "France");
        b.addSource(new KbSource("test", "sample", "ab12", 3, "unit test"));
        b.note("builder", "KbFileTest");
        return b.build();
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        KnowledgeBase kb = sample();
        Path f = dir.resolve("a.kb");
        KbFile.write(kb, f);
        KnowledgeBase back = KbFile.read(f);
        assertThat(back.header()).isEqualTo(kb.header());
        assertThat(back.languages()).containsExactly("de", "en", "ja");
        for (String lang : kb.languages()) {
            LanguageDictionary a = kb.dictionary(lang);
            LanguageDictionary b = back.dictionary(lang);
            assertThat(b.size()).isEqualTo(a.size());
            assertThat(b.entitySpace()).isEqualTo(a.entitySpace());
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.surface(i)).isEqualTo(a.surface(i));
                assertThat(b.linkProbability(i)).isEqualTo(a.linkProbability(i));
                assertThat(b.candidates(i)).isEqualTo(a.candidates(i));
            }
        }
        assertThat(back.interlanguage().toEnglish("de", "Q142")).isEqualTo("France");
        assertThat(back.extractor("de").find("In Frankreich.")).singleElement()
                .satisfies(m -> assertThat(m.candidates()).containsExactly(new Candidate("France", 0.9f)));
        assertThat(KbFile.readHeader(f).options().maxMentionLength()).isEqualTo(30);
        // writing the loaded KB again gives the same bytes (reproducible files)
        Path g = dir.resolve("b.kb");
        KbFile.write(back, g);
        assertThat(Files.readAllBytes(g)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void rejectsWrongMagicVersionTruncationAndCorruption() throws IOException {
        Path f = dir.resolve("a.kb");
        KbFile.write(sample(), f);
        byte[] good = Files.readAllBytes(f);

        Path notKb = dir.resolve("notkb.kb");
        Files.writeString(notKb, "hello, this is text");
        assertThatThrownBy(() -> KbFile.read(notKb)).hasMessageContaining("not a boe4j KB file")
                .hasMessageContaining("'hello, t'");

        byte[] v2 = good.clone();
        ByteBuffer.wrap(v2).putInt(8, 2);
        assertThatThrownBy(() -> KbFile.read(write("v2.kb", v2))).hasMessageContaining("format version 2")
                .hasMessageContaining("reads version 1");

        for (int cut : new int[]{10, 40, good.length / 2, good.length - 5}) {
            byte[] t = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> KbFile.read(write("t" + cut + ".kb", t))).as("cut at %d", cut)
                    .hasMessageContaining("truncated");
        }

        // flip one byte of a surface string in the body: the CRC catches it
        byte[] flipped = good.clone();
        int at = indexOf(good, "paris".getBytes());
        flipped[at] = 'b';
        assertThatThrownBy(() -> KbFile.read(write("flip.kb", flipped))).hasMessageContaining("corrupted")
                .hasMessageContaining("CRC-32C");

        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> KbFile.read(write("trail.kb", trailing))).hasMessageContaining("after its end marker");

        assertThatThrownBy(() -> KbFile.read(dir.resolve("missing.kb"))).hasMessageContaining("does not exist");
    }

    @Test
    void writesAtomically() throws IOException {
        Path f = dir.resolve("a.kb");
        KbFile.write(sample(), f);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.kb");
        }
    }

    /** Issue 16, defect 16: an --out that names somebody's file is refused, naming it; a KB is replaced. */
    @Test
    void refusesToOverwriteAFileThatIsNotAKb() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes, not a KB\n");
        assertThatThrownBy(() -> KbFile.write(sample(), notes)).isInstanceOf(IOException.class)
                .hasMessage(notes + " exists and is not a boe4j KB (it does not start with the KB magic \"BOE4JKB\");"
                        + " refusing to overwrite it: choose another --out, or delete the file first");
        assertThat(notes).hasContent("my notes, not a KB");
        assertThatThrownBy(() -> KbFile.write(sample(), dir)).hasMessage(dir + " is a directory, not a KB file;"
                + " give --out a file name");

        Path kb = dir.resolve("old.kb");
        KbFile.write(sample(), kb);
        KbFile.write(sample(), kb); // an earlier KB is replaced
        Path empty = Files.createFile(dir.resolve("empty.kb"));
        KbFile.write(sample(), empty); // so is an empty file (e.g. from mktemp)
        assertThat(KbFile.read(empty).languages()).isEqualTo(sample().languages());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
