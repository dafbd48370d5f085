package org.boe4j.text;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BertTokenizer over the real M-BERT vocabulary. Expected ids are looked up in vocab.txt (id = 0-based line),
 * expected offsets were counted by hand in UTF-16 units (written beside each case).
 */
class BertTokenizerTest {

    static Vocabulary vocab;
    static BertTokenizer tokenizer;

    @BeforeAll
    static void setUp() throws IOException {
        vocab = Vocabulary.read(RealVocabFixture.dir().resolve("vocab.txt"));
        tokenizer = BertTokenizer.load(RealVocabFixture.dir());
    }

    @AfterAll
    static void tearDown() {
        tokenizer.close();
    }

    private static int[] ids(String... tokens) {
        return Arrays.stream(tokens).mapToInt(t -> {
            int id = vocab.id(t);
            assertThat(id).as("vocab id of %s", t).isNotNegative();
            return id;
        }).toArray();
    }

    @Test
    void helloWorldMatchesTheGoldenEncoderInput() {
        Encoding e = tokenizer.encode("Hello world");
        // golden/encoder/hello: input_ids 101 31178 11356 102
        assertThat(e.ids()).containsExactly(101, 31178, 11356, 102);
        assertThat(e.tokens()).containsExactly("[CLS]", "Hello", "world", "[SEP]");
        assertThat(e.typeIds()).containsOnly(0);
        assertThat(e.attentionMask()).containsOnly(1);
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void specialTokensFrameTheTextWithEmptySpans() {
        Encoding e = tokenizer.encode("Hello world");
        assertThat(e.id(0)).isEqualTo(vocab.id(Vocabulary.CLS));
        assertThat(e.id(e.length() - 1)).isEqualTo(vocab.id(Vocabulary.SEP));
        assertThat(e.isSpecial(0)).isTrue();
        assertThat(e.isSpecial(e.length() - 1)).isTrue();
        assertThat(e.isSpecial(1)).isFalse();
        assertThat(new int[] {e.start(0), e.end(0), e.start(3), e.end(3)}).containsOnly(0);
    }

    /**
     * "I ❤️ 😀 東京 and 𠮷野家" in UTF-16 units: I [0,1); ❤ U+2764 + VS16 U+FE0F [2,4); 😀 U+1F600 is a surrogate
     * pair [5,7); 東 [8,9); 京 [9,10); "and" [11,14); 𠮷 U+20BB7 (CJK extension B, a surrogate pair, its own
     * word like every CJK ideograph) [15,17); 野 [17,18); 家 [18,19). Code-point offsets would put "and" at
     * [10,13) and 家 at [16,17).
     */
    @Test
    void offsetsAreUtf16AfterEmojiAndSupplementaryCjk() {
        String text = "I ❤️ 😀 東京 and 𠮷野家";
        Encoding e = tokenizer.encode(text);
        assertThat(e.tokens()).containsExactly("[CLS]", "I", "[UNK]", "[UNK]", "東", "京", "and", "[UNK]", "野", "家",
                "[SEP]");
        assertThat(e.ids()).containsExactly(ids("[CLS]", "I", "[UNK]", "[UNK]", "東", "京", "and", "[UNK]", "野", "家",
                "[SEP]"));
        int[][] spans = {{0, 1}, {2, 4}, {5, 7}, {8, 9}, {9, 10}, {11, 14}, {15, 17}, {17, 18}, {18, 19}};
        for (int i = 0; i < spans.length; i++) {
            assertThat(new int[] {e.start(i + 1), e.end(i + 1)}).as("span of token %d %s", i + 1, e.token(i + 1))
                    .containsExactly(spans[i]);
        }
        assertThat(text.substring(e.start(3), e.end(3))).isEqualTo("😀");
        assertThat(text.substring(e.start(6), e.end(6))).isEqualTo("and");
        assertThat(text.substring(e.start(7), e.end(7))).isEqualTo("𠮷");
        assertThat(text.substring(e.start(9), e.end(9))).isEqualTo("家");
    }

    @Test
    void wordPiecesShareTheirWordsSpan() {
        // eng_Latn test 1523 starts "Mutation" = Mu ##tation
        String text = "Mutation adds";
        Encoding e = tokenizer.encode(text);
        assertThat(e.tokens()).containsExactly("[CLS]", "Mu", "##tation", "adds", "[SEP]");
        assertThat(text.substring(e.start(1), e.end(1))).isEqualTo("Mu");
        assertThat(text.substring(e.start(2), e.end(2))).isEqualTo("tation");
        assertThat(new int[] {e.start(3), e.end(3)}).containsExactly(9, 13);
    }

    @Test
    void truncatesToMaxLengthKeepingTheFirstPiecesAndSep() throws IOException {
        try (BertTokenizer tiny = BertTokenizer.load(RealVocabFixture.dir(), 5)) {
            Encoding e = tiny.encode("a b c d e f");
            assertThat(e.tokens()).containsExactly("[CLS]", "a", "b", "c", "[SEP]");
            assertThat(e.ids()).containsExactly(ids("[CLS]", "a", "b", "c", "[SEP]"));
            assertThat(e.truncated()).isTrue();
            Encoding fits = tiny.encode("a b c");
            assertThat(fits.length()).isEqualTo(5);
            assertThat(fits.truncated()).isFalse();
            // truncation counts word pieces, not words: Mu ##tation adds -> keeps Mu ##tation adds
            Encoding pieces = tiny.encode("Mutation adds new");
            assertThat(pieces.tokens()).containsExactly("[CLS]", "Mu", "##tation", "adds", "[SEP]");
            assertThat(pieces.truncated()).isTrue();
        }
    }

    @Test
    void defaultMaxLengthIs512AndLongTextsAreTruncatedTo512() {
        assertThat(tokenizer.maxLength()).isEqualTo(512);
        String text = "word ".repeat(600);
        Encoding e = tokenizer.encode(text);
        assertThat(e.length()).isEqualTo(512);
        assertThat(e.truncated()).isTrue();
        assertThat(e.token(511)).isEqualTo("[SEP]");
        assertThat(e.token(510)).isEqualTo("word");
        assertThat(e.start(510)).isEqualTo(509 * 5);
    }

    @Test
    void maxLengthComesFromConfigJson(@TempDir Path dir) throws IOException {
        Files.copy(RealVocabFixture.dir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": 64, \"hidden_size\": 32}");
        try (BertTokenizer t = BertTokenizer.load(dir)) {
            assertThat(t.maxLength()).isEqualTo(64);
            assertThat(t.encode("word ".repeat(100)).length()).isEqualTo(64);
        }
        assertThatThrownBy(() -> BertTokenizer.load(dir, 65)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 64]").hasMessageContaining("65");
    }

    @Test
    void batchPadsToTheLongestRowWithMasks() {
        EncodedBatch batch = tokenizer.encodeBatch(List.of("Hello world", "a b c d e", "Hello"));
        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.length()).isEqualTo(7);
        int pad = vocab.id(Vocabulary.PAD);
        assertThat(pad).isZero();
        assertThat(tokenizer.padId()).isEqualTo(pad);
        assertThat(batch.ids()).isDeepEqualTo(new int[][] {
                {101, 31178, 11356, 102, 0, 0, 0},
                ids("[CLS]", "a", "b", "c", "d", "e", "[SEP]"),
                {101, 31178, 102, 0, 0, 0, 0}});
        assertThat(batch.attentionMask()).isDeepEqualTo(new int[][] {
                {1, 1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0, 0}});
        assertThat(batch.typeIds()).isDeepEqualTo(new int[3][7]);
        assertThat(batch.anyTruncated()).isFalse();
        assertThat(batch.row(1).tokens()).containsExactly("[CLS]", "a", "b", "c", "d", "e", "[SEP]");
        assertThat(batch.idsAsLong()[0]).containsExactly(101L, 31178L, 11356L, 102L, 0L, 0L, 0L);
    }

    @Test
    void batchPadsToMaxLengthOnRequest() throws IOException {
        try (BertTokenizer t = BertTokenizer.load(RealVocabFixture.dir(), 8)) {
            EncodedBatch batch = t.encodeBatch(List.of("Hello", "a b c d e f g h i j"), BertTokenizer.Padding.MAX_LENGTH);
            assertThat(batch.length()).isEqualTo(8);
            assertThat(batch.ids()[0]).containsExactly(101, 31178, 102, 0, 0, 0, 0, 0);
            assertThat(batch.attentionMask()[1]).containsOnly(1);
            assertThat(batch.row(1).truncated()).isTrue();
            assertThat(batch.row(0).truncated()).isFalse();
            assertThat(batch.anyTruncated()).isTrue();
        }
    }

    @Test
    void batchConvertsToInt32ArraysOfShapeBT() {
        EncodedBatch batch = tokenizer.encodeBatch(List.of("Hello world", "Hello"));
        INDArray ids = batch.idsArray();
        INDArray mask = batch.attentionMaskArray();
        INDArray types = batch.typeIdsArray();
        for (INDArray a : List.of(ids, mask, types)) {
            assertThat(a.dataType()).isEqualTo(DataType.INT32);
            assertThat(a.shape()).containsExactly(2, 4);
        }
        assertThat(ids.toIntMatrix()).isDeepEqualTo(new int[][] {{101, 31178, 11356, 102}, {101, 31178, 102, 0}});
        assertThat(mask.toIntMatrix()).isDeepEqualTo(new int[][] {{1, 1, 1, 1}, {1, 1, 1, 0}});
        assertThat(types.sumNumber().intValue()).isZero();
    }

    @Test
    void emptyOrBlankTextIsRejected() {
        for (String blank : List.of("", "   ", "\t\n", "\u00A0", "\u3000", "\u200B", "\u0000")) {
            assertThatThrownBy(() -> tokenizer.encode(blank)).as("'%s'", blank)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
        }
        assertThatThrownBy(() -> tokenizer.encodeBatch(List.of("fine", " "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text 1");
        assertThatThrownBy(() -> tokenizer.encodeBatch(List.of("fine", "\u00A0"))).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("text 1").hasMessageContaining("no word piece");
        assertThatThrownBy(() -> tokenizer.encodeBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokenizer.encode(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * Google's BasicTokenizer removes control and format characters (a zero-width joiner inside a word joins
     * nothing) and splits on NBSP; the span of the joined word still covers the removed character.
     */
    @Test
    void normalizerRemovesFormatCharactersAndSplitsOnUnicodeSpaces() {
        String text = "Hello\u00A0wor\u200Dld";
        Encoding e = tokenizer.encode(text);
        assertThat(e.tokens()).containsExactly("[CLS]", "Hello", "world", "[SEP]");
        assertThat(new int[] {e.start(2), e.end(2)}).containsExactly(6, 12);
    }

    /**
     * The special tokens are "added tokens" of tokenizer.json, so the Rust library matches them verbatim in the
     * text, as Hugging Face's BERT tokenizers do; Google's tokenizer would split "[MASK]" into "[", "MA", ...
     * The ones added around the text are the only ones flagged special.
     */
    @Test
    void literalSpecialTokensInTheTextAreMatchedWhole() {
        Encoding e = tokenizer.encode("a [MASK] b");
        assertThat(e.tokens()).containsExactly("[CLS]", "a", "[MASK]", "b", "[SEP]");
        assertThat(e.id(2)).isEqualTo(vocab.id(Vocabulary.MASK));
        assertThat(e.isSpecial(2)).isFalse();
        assertThat(new int[] {e.start(2), e.end(2)}).containsExactly(2, 8);
    }

    /**
     * A known deviation from Google's tokenizer, outside the golden data: the Rust library's CJK ranges start
     * CJK extension E at U+2B920 where Google's start at U+2B820, so U+2B820..U+2B91F (no M-BERT vocabulary
     * entry holds one) is not split off as its own word: "a", U+2B820, "b" written together is one unknown word, where Google gives
     * "a [UNK] b". U+20BB7 (extension B) is split as in Google's code.
     */
    @Test
    void cjkExtensionEHeadIsNotSplitOffUnlikeGoogle() {
        assertThat(tokenizer.encode("a\uD86E\uDC20b").tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
        assertThat(tokenizer.encode("a\uD842\uDFB7b").tokens()).containsExactly("[CLS]", "a", "[UNK]", "b", "[SEP]");
    }

    /**
     * Google's WordpieceTokenizer maps a word longer than 100 characters (code points) to [UNK]. A word of 100
     * two-byte characters (é) must still be split into pieces, so the limit counts neither UTF-8 bytes nor
     * anything else than code points.
     */
    @Test
    void wordsLongerThan100CharactersBecomeUnk() {
        assertThat(tokenizer.encode("a".repeat(100)).tokens()).hasSizeGreaterThan(3).doesNotContain("[UNK]");
        assertThat(tokenizer.encode("a".repeat(101)).tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
        assertThat(tokenizer.encode("é".repeat(100)).tokens()).hasSizeGreaterThan(3).doesNotContain("[UNK]");
        assertThat(tokenizer.encode("é".repeat(101)).tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
    }

    @Test
    void concurrentEncodingEqualsSequentialEncoding() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("Sentence " + i + " über 東京 😀 " + "x".repeat(i % 13));
        }
        List<int[]> expected = texts.stream().map(t -> tokenizer.encode(t).ids()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (String t : texts) {
                futures.add(pool.submit(() -> tokenizer.encode(t).ids()));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedTokenizerRefusesToEncode() throws IOException {
        BertTokenizer t = BertTokenizer.load(RealVocabFixture.dir(), 16);
        t.close();
        t.close(); // idempotent
        assertThatThrownBy(() -> t.encode("Hello")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void loadNamesTheMissingFileAndRejectsBadMaxLength(@TempDir Path dir) {
        assertThatThrownBy(() -> BertTokenizer.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("tokenizer.json");
        assertThatThrownBy(() -> BertTokenizer.load(RealVocabFixture.dir(), 2)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> BertTokenizer.load(RealVocabFixture.dir(), 513)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("513");
    }

    /**
     * A damaged tokenizer.json is an error naming the file (issue 16, defect 9): empty, cut inside added_tokens
     * (where the [PAD] id is read) and cut in the middle of the vocabulary (read by the Rust library, whose parse
     * error names no file).
     */
    @Test
    void anEmptyOrCutTokenizerJsonIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(RealVocabFixture.dir().resolve(BertTokenizer.TOKENIZER_FILE));
        for (int length : new int[]{0, 50, whole.length / 2}) {
            Path weights = Files.createDirectories(dir.resolve("cut-" + length));
            Path file = Files.write(weights.resolve(BertTokenizer.TOKENIZER_FILE), Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> BertTokenizer.load(weights, 128)).as("%d bytes", length)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(file + ": not a valid tokenizer.json (");
        }
    }
}
