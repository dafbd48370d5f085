package org.boe4j.kb.build.icu;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text column of the SIB-200 sentences embedded in the jar (org/boe4j/data/sib200/&lt;code&gt;/&lt;split&gt;.tsv),
 * used as the offline corpus that measures collisions of ICU names with common words, and for coverage.
 */
public final class Sib200Text {

    /** The embedded SIB-200 languages: FLORES code -> KB language. */
    public static final Map<String, String> LANGUAGES = orderedLanguages();

    private static Map<String, String> orderedLanguages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("eng_Latn", "en");
        m.put("fra_Latn", "fr");
        m.put("deu_Latn", "de");
        m.put("jpn_Jpan", "ja");
        m.put("zho_Hans", "zh");
        m.put("ita_Latn", "it");
        m.put("rus_Cyrl", "ru");
        m.put("spa_Latn", "es");
        return m;
    }

    private Sib200Text() {
    }

    /** The sentences of one split ("train", "dev", "test") of one FLORES language code. */
    public static List<String> sentences(String floresCode, String split) {
        return new ArrayList<>(rows(floresCode, split).values());
    }

    /** index_id -> text of one split, in file order. */
    public static Map<String, String> rows(String floresCode, String split) {
        String resource = "/org/boe4j/data/sib200/" + floresCode + "/" + split + ".tsv";
        CSVFormat tsv = CSVFormat.DEFAULT.builder().setDelimiter('\t').setQuote('"').setHeader()
                .setSkipHeaderRecord(true).get();
        try (InputStream in = Sib200Text.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("SIB-200 resource " + resource + " is not on the classpath");
            }
            Map<String, String> out = new LinkedHashMap<>();
            try (CSVParser p = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), tsv)) {
                for (CSVRecord r : p) {
                    out.put(r.get("index_id"), r.get("text"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** All splits of a language, train then dev then test. */
    public static List<String> allSentences(String floresCode) {
        List<String> out = new ArrayList<>(sentences(floresCode, "train"));
        out.addAll(sentences(floresCode, "dev"));
        out.addAll(sentences(floresCode, "test"));
        return out;
    }
}
