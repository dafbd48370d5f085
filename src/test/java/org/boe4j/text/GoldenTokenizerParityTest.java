package org.boe4j.text;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Parity with Google's reference WordPiece tokenizer ({@code tokenization.py}, cased) on 303 SIB-200 sentences
 * in each of 8 languages ({@code src/test/resources/golden/tokenizer/<lang>.tsv}, see the README there).
 * <p>
 * Every row's ids must equal the reference, except the rows listed in {@code known_differences.tsv}: those must
 * differ, and exactly as recorded (expected and actual ids), so the list can neither hide a new difference nor
 * keep a stale one. The offsets are checked on the same rows: each word piece's span must slice the original
 * text into the piece's surface.
 */
class GoldenTokenizerParityTest {

    static final String DIR = "/golden/tokenizer/";
    static final List<String> LANGS = List.of("eng_Latn", "fra_Latn", "deu_Latn", "jpn_Jpan", "zho_Hans", "ita_Latn",
            "rus_Cyrl", "spa_Latn");

    static BertTokenizer tokenizer;
    static Map<String, KnownDifference> known;

    record Row(String split, String indexId, String text, String[] tokens, int[] ids) {
        String key(String lang) {
            return lang + "\t" + split + "\t" + indexId;
        }
    }

    record KnownDifference(int[] expected, int[] actual, String reason) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        tokenizer = BertTokenizer.load(RealVocabFixture.dir());
        known = readKnownDifferences();
    }

    @AfterAll
    static void tearDown() {
        tokenizer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eng_Latn", "fra_Latn", "deu_Latn", "jpn_Jpan", "zho_Hans", "ita_Latn", "rus_Cyrl",
            "spa_Latn"})
    void idsMatchGoogleExceptKnownDifferences(String lang) throws IOException {
        List<Row> rows = readGolden(lang);
        assertThat(rows).hasSize(303);
        EncodedBatch batch = tokenizer.encodeBatch(rows.stream().map(Row::text).toList());
        List<String> differing = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            Encoding e = batch.row(r);
            assertThat(e.truncated()).isFalse();
            int[] actual = e.ids();
            String key = row.key(lang);
            if (!Arrays.equals(actual, row.ids())) {
                differing.add(key);
                KnownDifference k = known.get(key);
                if (k == null) {
                    fail("%s: ids differ from Google's and the row is not in known_differences.tsv%n expected %s%n"
                            + " actual   %s%n tokens   %s", key, Arrays.toString(row.ids()), Arrays.toString(actual),
                            Arrays.toString(e.tokens()));
                }
                assertThat(row.ids()).as("%s: expected ids recorded in known_differences.tsv", key)
                        .isEqualTo(k.expected());
                assertThat(actual).as("%s: actual ids recorded in known_differences.tsv", key).isEqualTo(k.actual());
            } else {
                assertThat(e.tokens()).as("%s: tokens", key).isEqualTo(row.tokens());
            }
        }
        List<String> knownHere = known.keySet().stream().filter(k -> k.startsWith(lang + "\t")).toList();
        assertThat(differing).as("rows of %s that differ from Google's", lang).containsExactlyElementsOf(knownHere);
        System.out.printf("tokenizer parity %s: %d rows, %d identical, %d known differences%n", lang, rows.size(),
                rows.size() - differing.size(), differing.size());
    }

    /** Each word piece's UTF-16 span slices the original text into the piece (whole word for [UNK]). */
    @ParameterizedTest
    @ValueSource(strings = {"eng_Latn", "fra_Latn", "deu_Latn", "jpn_Jpan", "zho_Hans", "ita_Latn", "rus_Cyrl",
            "spa_Latn"})
    void offsetsSliceTheOriginalText(String lang) throws IOException {
        List<Row> rows = readGolden(lang);
        EncodedBatch batch = tokenizer.encodeBatch(rows.stream().map(Row::text).toList());
        int checked = 0;
        for (int r = 0; r < rows.size(); r++) {
            Encoding e = batch.row(r);
            String text = rows.get(r).text();
            String key = rows.get(r).key(lang);
            int previousEnd = 0;
            for (int i = 0; i < e.length(); i++) {
                if (e.isSpecial(i)) {
                    assertThat(e.start(i)).as("%s token %d start", key, i).isZero();
                    assertThat(e.end(i)).as("%s token %d end", key, i).isZero();
                    continue;
                }
                String slice = text.substring(e.start(i), e.end(i));
                assertThat(e.start(i)).as("%s token %d starts before the previous ends", key, i)
                        .isGreaterThanOrEqualTo(previousEnd);
                previousEnd = e.end(i);
                String token = e.token(i);
                if (token.equals(Vocabulary.UNK)) {
                    assertThat(slice.strip()).as("%s token %d [UNK] slice", key, i).isNotEmpty();
                } else {
                    String surface = token.startsWith("##") ? token.substring(2) : token;
                    assertThat(withoutRemovedCharacters(slice)).as("%s token %d", key, i).isEqualTo(surface);
                }
                checked++;
            }
        }
        System.out.printf("tokenizer offsets %s: %d word pieces sliced%n", lang, checked);
    }

    /**
     * The slice with the characters BERT's normalizer deletes (control/format characters other than TAB, CR,
     * LF; U+0000; U+FFFD) removed: a zero-width joiner inside a word is dropped from the token but still lies
     * inside the word's span.
     */
    static String withoutRemovedCharacters(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !removedByNormalizer(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    static boolean removedByNormalizer(int cp) {
        if (cp == 0 || cp == 0xFFFD) {
            return true;
        }
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }

    static List<Row> readGolden(String lang) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = open(lang + ".tsv")) {
            String header = in.readLine();
            assertThat(header).isEqualTo("split\tindex_id\ttext\ttokens\tids");
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1); // not quoted: a plain split keeps every character
                assertThat(f).as("%s.tsv line %d", lang, rows.size() + 2).hasSize(5);
                rows.add(new Row(f[0], f[1], f[2], f[3].split(" "), parseIds(f[4])));
            }
        }
        return rows;
    }

    static Map<String, KnownDifference> readKnownDifferences() throws IOException {
        Map<String, KnownDifference> out = new LinkedHashMap<>();
        try (BufferedReader in = open("known_differences.tsv")) {
            assertThat(in.readLine()).isEqualTo("lang\tsplit\tindex_id\texpected_ids\tactual_ids\treason");
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                assertThat(f).as("known_differences.tsv: %s", line).hasSize(6);
                assertThat(LANGS).contains(f[0]);
                assertThat(f[5]).as("reason for %s %s %s", f[0], f[1], f[2]).isNotBlank();
                out.put(f[0] + "\t" + f[1] + "\t" + f[2], new KnownDifference(parseIds(f[3]), parseIds(f[4]), f[5]));
            }
        }
        return out;
    }

    static int[] parseIds(String s) {
        return Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    static BufferedReader open(String name) {
        InputStream in = GoldenTokenizerParityTest.class.getResourceAsStream(DIR + name);
        assertThat(in).as("test resource %s%s", DIR, name).isNotNull();
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
