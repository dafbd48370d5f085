package org.boe4j.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tokenizer.json contents, the vocabulary checks, and atomic writing. */
class TokenizerJsonTest {

    @TempDir
    Path dir;

    /** A small vocabulary with the specials at M-BERT's ids (0, 100-103) is too big to write; use other ids. */
    private Path smallVocab(String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("[PAD]", "hello", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                "##s", "world"));
        lines.addAll(List.of(extra));
        Path vocab = dir.resolve("vocab.txt");
        Files.write(vocab, lines, StandardCharsets.UTF_8);
        return vocab;
    }

    private static JsonObject read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(in).getAsJsonObject();
        }
    }

    @Test
    void writesBertWordPieceSettings() throws IOException {
        Path out = dir.resolve("out/tokenizer.json");
        TokenizerJson.write(smallVocab(), out);
        JsonObject json = read(out);
        assertThat(json.get("truncation").isJsonNull()).isTrue();
        assertThat(json.get("padding").isJsonNull()).isTrue();

        JsonObject normalizer = json.getAsJsonObject("normalizer");
        assertThat(normalizer.get("type").getAsString()).isEqualTo("BertNormalizer");
        assertThat(normalizer.get("lowercase").getAsBoolean()).isFalse();
        assertThat(normalizer.get("strip_accents").isJsonNull()).isTrue();
        assertThat(normalizer.get("handle_chinese_chars").getAsBoolean()).isTrue();
        assertThat(normalizer.get("clean_text").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonObject("pre_tokenizer").get("type").getAsString()).isEqualTo("BertPreTokenizer");

        JsonObject model = json.getAsJsonObject("model");
        assertThat(model.get("type").getAsString()).isEqualTo("WordPiece");
        assertThat(model.get("unk_token").getAsString()).isEqualTo("[UNK]");
        assertThat(model.get("continuing_subword_prefix").getAsString()).isEqualTo("##");
        assertThat(model.get("max_input_chars_per_word").getAsInt()).isEqualTo(100);
        JsonObject vocab = model.getAsJsonObject("vocab");
        assertThat(vocab.keySet()).containsExactly("[PAD]", "hello", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "##s", "world");
        assertThat(vocab.get("world").getAsInt()).isEqualTo(7);

        JsonObject post = json.getAsJsonObject("post_processor");
        assertThat(post.get("type").getAsString()).isEqualTo("TemplateProcessing");
        assertThat(post.get("single").toString()).isEqualTo("[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},"
                + "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}]");
        assertThat(post.get("pair").toString()).isEqualTo("[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},"
                + "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}},"
                + "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":1}}]");
        JsonObject specials = post.getAsJsonObject("special_tokens");
        assertThat(specials.getAsJsonObject("[CLS]").get("ids").toString()).isEqualTo("[3]");
        assertThat(specials.getAsJsonObject("[SEP]").get("ids").toString()).isEqualTo("[4]");

        JsonObject decoder = json.getAsJsonObject("decoder");
        assertThat(decoder.get("type").getAsString()).isEqualTo("WordPiece");
        assertThat(decoder.get("prefix").getAsString()).isEqualTo("##");

        JsonArray added = json.getAsJsonArray("added_tokens");
        assertThat(added).hasSize(5);
        assertThat(added.get(0).getAsJsonObject().get("content").getAsString()).isEqualTo("[PAD]");
        assertThat(added.get(0).getAsJsonObject().get("id").getAsInt()).isZero();
        assertThat(added.get(1).getAsJsonObject().get("content").getAsString()).isEqualTo("[UNK]");
        assertThat(added.get(1).getAsJsonObject().get("id").getAsInt()).isEqualTo(2);
        for (var t : added) {
            assertThat(t.getAsJsonObject().get("special").getAsBoolean()).isTrue();
        }
    }

    @Test
    void writtenFileLoadsInTheRustTokenizer() throws IOException {
        TokenizerJson.write(smallVocab(), dir.resolve("tokenizer.json"));
        try (BertTokenizer t = BertTokenizer.load(dir)) {
            Encoding e = t.encode("hello worlds, hellos");
            // "," is not in this vocabulary -> [UNK]; "worlds" = world ##s
            assertThat(e.tokens()).containsExactly("[CLS]", "hello", "world", "##s", "[UNK]", "hello", "##s", "[SEP]");
            assertThat(e.ids()).containsExactly(3, 1, 7, 6, 2, 1, 6, 4);
            assertThat(t.padId()).isZero();
        }
    }

    @Test
    void realVocabularyKeepsLineNumbersAsIds() throws IOException {
        Path realDir = RealVocabFixture.dir();
        List<String> lines = Files.readAllLines(realDir.resolve("vocab.txt"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(119_547);
        JsonObject vocab = read(realDir.resolve("tokenizer.json")).getAsJsonObject("model").getAsJsonObject("vocab");
        assertThat(vocab.size()).isEqualTo(119_547);
        int id = 0;
        for (var entry : vocab.entrySet()) {
            assertThat(entry.getKey()).isEqualTo(lines.get(id));
            assertThat(entry.getValue().getAsInt()).isEqualTo(id);
            id++;
        }
        // the M-BERT special ids recorded in the golden README
        Vocabulary v = Vocabulary.read(realDir.resolve("vocab.txt"));
        assertThat(List.of(v.id("[PAD]"), v.id("[UNK]"), v.id("[CLS]"), v.id("[SEP]"), v.id("[MASK]")))
                .containsExactly(0, 100, 101, 102, 103);
    }

    @Test
    void missingVocabularyIsNamed() {
        Path missing = dir.resolve("nope/vocab.txt");
        assertThatThrownBy(() -> TokenizerJson.write(missing, dir.resolve("tokenizer.json")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
        assertThat(dir.resolve("tokenizer.json")).doesNotExist();
    }

    @Test
    void emptyVocabularyIsRejected() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "");
        assertThatThrownBy(() -> Vocabulary.read(vocab)).isInstanceOf(IOException.class)
                .hasMessageContaining(vocab.toString()).hasMessageContaining("empty vocabulary");
    }

    @Test
    void duplicateTokenNamesFileAndLines() throws IOException {
        Path vocab = smallVocab("hello");
        assertThatThrownBy(() -> Vocabulary.read(vocab)).isInstanceOf(IOException.class)
                .hasMessage(vocab + ":9: duplicate token 'hello' (first at line 2)");
    }

    @Test
    void missingSpecialTokensAreListed() throws IOException {
        Path vocab = Files.write(dir.resolve("vocab.txt"), List.of("[PAD]", "[UNK]", "[CLS]", "a"));
        assertThatThrownBy(() -> Vocabulary.read(vocab)).isInstanceOf(IOException.class)
                .hasMessageContaining(vocab.toString()).hasMessageContaining("[[SEP], [MASK]]");
    }

    @Test
    void emptyLineAndSurroundingWhitespaceNameTheLine() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "[PAD]\n\n[UNK]\n");
        assertThatThrownBy(() -> Vocabulary.read(vocab)).hasMessage(vocab + ":2: empty line (expected one token per"
                + " line)");
        Path spaced = Files.writeString(dir.resolve("spaced.txt"), "[PAD]\nab \n");
        assertThatThrownBy(() -> Vocabulary.read(spaced)).hasMessageStartingWith(spaced + ":2: token 'ab '");
    }

    @Test
    void crlfLineEndsAreAccepted() throws IOException {
        Path vocab = Files.writeString(dir.resolve("vocab.txt"), "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\nx\r\n");
        Vocabulary v = Vocabulary.read(vocab);
        assertThat(v.size()).isEqualTo(6);
        assertThat(v.id("x")).isEqualTo(5);
    }

    @Test
    void failedWriteLeavesAnExistingFileUntouched() throws IOException {
        Path out = dir.resolve("tokenizer.json");
        Files.writeString(out, "previous");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "[PAD]\n");
        assertThatThrownBy(() -> TokenizerJson.write(bad, out)).isInstanceOf(IOException.class);
        assertThat(out).hasContent("previous");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tokenizer.json",
                    "bad.txt");
        }
    }
}
