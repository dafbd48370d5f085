package org.boe4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.boe4j.io.Progress;
import org.boe4j.kb.build.wikipedia.WikiDumpReader;
import org.boe4j.kb.build.wikipedia.WikiLink;
import org.boe4j.kb.build.wikipedia.WikiTextParser;
import org.boe4j.model.DocumentPredictor;
import org.boe4j.model.Prediction;
import org.boe4j.model.PredictionJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch predictions from Spark (3 partitions, batches of 4) equal the single-machine predictions of the same
 * predictor (one call per language, batches of 16), document by document: labels, every probability (double
 * precision, within 1e-12: only the batch padding differs), the bag of entities with offsets and attention
 * weights. Documents: the plain text of the first real articles of the English and Japanese dump samples (first
 * 400 chars); the KB holds the anchors of their first links, so the bags are not empty.
 */
class SparkPredictTest {

    private static final List<String> LABELS = List.of("CCAT", "ECAT", "GCAT", "MCAT");
    private static final List<String[]> DOCS = new ArrayList<>(); // id, lang, text
    private static TinyModelFactory factory;

    @TempDir
    Path dir;

    @BeforeAll
    static void documents() throws IOException {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        TreeSet<String> words = new TreeSet<>();
        for (String[] source : new String[][] {{"en", DumpVariants.ENWIKI_GENSIM}, {"ja", DumpVariants.JAWIKI_TRUNCATED}}) {
            String lang = source[0];
            List<String[]> docs = new ArrayList<>();
            new WikiDumpReader(true).read(DumpVariants.resource(source[1]), (page, site) -> {
                if (docs.size() < 12 && page.namespace() == 0 && !page.isRedirect()) {
                    var parsed = new WikiTextParser(site.namespaces(), site.firstLetterCase()).parse(page.text());
                    String text = parsed.text().strip();
                    text = text.substring(0, Math.min(400, text.length())).replace('\n', ' ');
                    if (text.length() > 50) {
                        docs.add(new String[] {lang + "-" + docs.size(), lang, text});
                        int k = 0;
                        for (WikiLink l : parsed.links()) {
                            if (k++ < 3 && text.contains(l.anchor()) && l.anchor().length() > 1) {
                                entries.computeIfAbsent(lang, x -> new HashMap<>()).put(l.anchor(), l.target());
                            }
                        }
                    }
                }
            }, Progress.silent());
            for (String[] d : docs) {
                for (String w : d[2].split("[^\\p{L}\\p{N}]+")) {
                    if (!w.isEmpty() && w.codePointCount(0, w.length()) < 12) {
                        words.add(w);
                    }
                }
                d[2].codePoints().forEach(c -> words.add(new String(Character.toChars(c))));
            }
            DOCS.addAll(docs);
        }
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        words.stream().filter(w -> !w.isBlank()).forEach(vocab::add);
        factory = new TinyModelFactory(vocab, entries, LABELS, 7, 4);
    }

    /** The single-machine predictions: the predictor called per language on all its documents. */
    private static Map<String, Prediction> singleMachine() throws IOException {
        Map<String, Prediction> out = new HashMap<>();
        try (DocumentPredictor p = new TinyModelFactory(factory.vocabulary(), factory.entries(), LABELS, 7, 16)
                .create()) {
            for (String lang : List.of("en", "ja")) {
                List<String[]> docs = DOCS.stream().filter(d -> d[1].equals(lang)).toList();
                List<Prediction> ps = p.predict(docs.stream().map(d -> d[2]).toList(), lang);
                for (int i = 0; i < docs.size(); i++) {
                    out.put(docs.get(i)[0], ps.get(i));
                }
            }
        }
        return out;
    }

    private static Map<String, JsonObject> readJsonl(Path outDir) throws IOException {
        Map<String, JsonObject> out = new HashMap<>();
        try (Stream<Path> files = Files.list(outDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    out.put(o.get("id").getAsString(), o);
                }
            }
        }
        return out;
    }

    private static void assertSame(Map<String, JsonObject> spark, Map<String, Prediction> local) {
        assertThat(spark.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());
        int entities = 0;
        for (Map.Entry<String, Prediction> e : local.entrySet()) {
            JsonObject s = spark.get(e.getKey());
            Prediction p = e.getValue();
            assertThat(s.getAsJsonArray("labels").get(0).getAsString()).as(e.getKey()).isEqualTo(p.labels().get(0));
            for (int c = 0; c < LABELS.size(); c++) {
                assertThat(s.getAsJsonObject("probabilities").get(LABELS.get(c)).getAsDouble())
                        .as("%s p(%s)", e.getKey(), LABELS.get(c)).isCloseTo(p.probabilities()[c], within(1e-12));
            }
            JsonArray es = s.getAsJsonArray("entities");
            assertThat(es.size()).as(e.getKey()).isEqualTo(p.entities().size());
            for (int j = 0; j < es.size(); j++) {
                JsonObject se = es.get(j).getAsJsonObject();
                Prediction.PredictedEntity le = p.entities().get(j);
                assertThat(se.get("entity").getAsString()).isEqualTo(le.entity());
                assertThat(se.get("start").getAsInt()).isEqualTo(le.start());
                assertThat(se.get("end").getAsInt()).isEqualTo(le.end());
                assertThat(se.get("commonness").getAsDouble()).isEqualTo(le.commonness());
                assertThat(se.get("attention").getAsDouble()).isCloseTo(le.attention(), within(1e-12));
                entities++;
            }
        }
        assertThat(entities).as("entities over all documents").isGreaterThan(5);
    }

    @Test
    void jsonlPredictionsEqualSingleMachinePredictionsAndTheModelLoadsOncePerJvm() throws IOException {
        Path in = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (String[] d : DOCS) {
            JsonObject o = new JsonObject();
            o.addProperty("id", d[0]);
            o.addProperty("lang", d[1]);
            o.addProperty("text", d[2]);
            lines.add(o.toString());
        }
        Files.write(in, lines);
        int loadsBefore = ExecutorPredictors.loads();
        Path out = dir.resolve("out");
        long n = SparkPredict.run(LocalSpark.session(), factory, new SparkPredict.Config(in.toString(),
                DocumentInput.Format.JSONL, new DocumentInput.Fields("id", "text", "lang", "en"), out.toString(),
                false, 4, true, 3));
        assertThat(n).isEqualTo(DOCS.size());
        assertThat(ExecutorPredictors.loads() - loadsBefore).as("model loads in this JVM").isEqualTo(1);
        Map<String, Prediction> local = singleMachine();
        assertSame(readJsonl(out), local);
        // the output line is the single-machine format, byte for byte, whenever the values agree exactly
        String[] d0 = DOCS.get(0);
        assertThat(readJsonl(out).get(d0[0]).toString()).startsWith("{\"id\":\"" + d0[0] + "\",\"lang\":\"en\"");
        assertThat(PredictionJson.line(d0[0], "en", LABELS, local.get(d0[0]), true)).startsWith("{\"id\":");
    }

    @Test
    void parquetInParquetOut() throws IOException {
        SparkSession spark = LocalSpark.session();
        List<Row> rows = new ArrayList<>();
        for (String[] d : DOCS) {
            rows.add(RowFactory.create(d[0], d[1], d[2]));
        }
        StructType schema = new StructType().add("doc", DataTypes.StringType).add("language", DataTypes.StringType)
                .add("body", DataTypes.StringType);
        Path in = dir.resolve("docs.parquet");
        spark.createDataFrame(rows, schema).repartition(2).write().parquet(in.toString());
        Path out = dir.resolve("out.parquet");
        SparkPredict.run(spark, factory, new SparkPredict.Config(in.toString(), DocumentInput.Format.PARQUET,
                new DocumentInput.Fields("doc", "body", "language", "en"), out.toString(), true, 4, true, 2));
        Map<String, JsonObject> spark2 = new HashMap<>();
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
            spark2.put(r.getAs("id"), JsonParser.parseString(r.<String>getAs("json")).getAsJsonObject());
            assertThat(r.<scala.collection.Seq<Double>>getAs("probabilities").size()).isEqualTo(LABELS.size());
        }
        assertSame(spark2, singleMachine());
    }

    @Test
    void aBadJsonLineIsAnErrorNamingTheLine() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.write(in, List.of("{\"text\": \"fine\"}", "{\"body\": \"no text field\"}"));
        assertThatThrownBy(() -> SparkPredict.run(LocalSpark.session(), factory, new SparkPredict.Config(
                in.toString(), DocumentInput.Format.JSONL, new DocumentInput.Fields("id", "text", "lang", "en"),
                dir.resolve("o").toString(), false, 4, false, 1)))
                .hasStackTraceContaining("input line 2: field \"text\" missing or not a string");
    }
}
