package org.boe4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.HiddenAct;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.cli.Main;
import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntitySpace;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.model.BoeModel;
import org.boe4j.model.ModelCard;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.Prediction;
import org.boe4j.model.Predictor;
import org.boe4j.model.TaskType;
import org.boe4j.model.TinyModels;
import org.boe4j.model.TrainedModel;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.TokenizerJson;
import org.boe4j.wiki.WikiDumpReader;
import org.boe4j.wiki.WikiLink;
import org.boe4j.wiki.WikiTextParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Batch predictions from Spark (local[2], 3 partitions, batches of 4) with a saved trained-model directory equal
 * the single-machine predictions of {@link Predictor} on the same directory (one call per language, batches of
 * 16), document by document: labels, every probability and attention weight within 1e-6 (float32 graph: only the
 * padding of the batches differs), the bag of entities with offsets and p(e|m) exactly. With the same batches
 * (batch size 1) the JSON lines of {@code boe4j predict --json --entities} and of the Spark job are identical
 * strings. Documents: the plain text of the first real articles of the English and Japanese dump samples (first
 * 400 chars); the KB holds the anchors of their first links, so the bags are not empty. Two models: a fine-tuned
 * {@code boe} model (encoder included) and a {@code boe-att} head on a frozen encoder (referenced by path).
 */
class SparkPredictTest {

    private static final List<String> LABELS = List.of("CCAT", "ECAT", "GCAT", "MCAT");
    private static final int MAX_LENGTH = 64;
    private static final double TOLERANCE = 1e-6;
    private static final List<String[]> DOCS = new ArrayList<>(); // id, lang, text

    @TempDir
    static Path models;
    private static Path kbFile;
    private static Path fineTuned;
    private static Path frozenHead;

    @TempDir
    Path dir;

    @BeforeAll
    static void documentsAndModels() throws IOException {
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
        saveModels(vocab, entries);
    }

    /**
     * The KB (per language: surface -> English entity, p(e|m) 1), a tiny random encoder of the documents' vocabulary
     * written as a Hugging Face directory, and two models saved with {@link TrainedModel#save}.
     */
    private static void saveModels(List<String> vocab, Map<String, Map<String, String>> entries) throws IOException {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        entries.forEach((lang, pairs) -> {
            b.entitySpace(lang, EntitySpace.ENGLISH);
            pairs.forEach((surface, entity) -> b.addEntry(lang, surface, 0.5, entity, 1.0));
        });
        KnowledgeBase kb = b.build();
        kbFile = models.resolve("tiny.boe4jkb");
        KbFile.write(kb, kbFile);
        EntityIndex index = EntityIndex.fromKb(kb);
        ModelCard.KbReference kbRef = new ModelCard.KbReference(kbFile.toString(), Checksums.sha256(kbFile));

        BertConfig config = BertConfig.tiny(vocab.size(), HiddenAct.GELU_TANH);
        Path encoderDir = Files.createDirectories(models.resolve("encoder"));
        Files.write(encoderDir.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        TokenizerJson.write(encoderDir.resolve("vocab.txt"), encoderDir.resolve(BertTokenizer.TOKENIZER_FILE));
        config.write(encoderDir.resolve(BertWeights.CONFIG));
        BertModel encoder = BertModel.build(config, DataType.FLOAT, 7);
        TensorStore.write(encoderDir.resolve(BertWeights.MODEL), encoder.weights());
        Nd4j.getRandom().setSeed(7);

        BoeModel full = BoeModel.attach(encoder, new BoeModel.HeadConfig(ModelVariant.BOE, TaskType.SINGLE_LABEL,
                LABELS, 8), Nd4j.randn(DataType.FLOAT, index.size(), config.hiddenSize()));
        TinyModels.perturbHead(full, 11);
        fineTuned = models.resolve("boe");
        TrainedModel.save(fineTuned, full, encoderDir, index, MAX_LENGTH, 0.5, kbRef, new JsonObject());

        BoeModel head = BoeModel.onFeatures(config, new BoeModel.HeadConfig(ModelVariant.BOE_ATT,
                TaskType.SINGLE_LABEL, LABELS, 8), Nd4j.randn(DataType.FLOAT, index.size(),
                config.hiddenSize()), DataType.FLOAT);
        TinyModels.perturbHead(head, 12);
        frozenHead = models.resolve("boe-att-frozen");
        TrainedModel.save(frozenHead, head, encoderDir, index, MAX_LENGTH, 0.5, kbRef, new JsonObject());
    }

    /** The single-machine predictions: the saved model opened by {@link Predictor}, called per language. */
    private static Map<String, Prediction> singleMachine(Path model) throws IOException {
        Map<String, Prediction> out = new HashMap<>();
        try (Predictor p = Predictor.open(model, null, null)) {
            for (String lang : List.of("en", "ja")) {
                List<String[]> docs = DOCS.stream().filter(d -> d[1].equals(lang)).toList();
                List<Prediction> ps = p.predict(docs.stream().map(d -> d[2]).toList(), lang, 16);
                for (int i = 0; i < docs.size(); i++) {
                    out.put(docs.get(i)[0], ps.get(i));
                }
            }
        }
        return out;
    }

    private static List<String> readLines(Path outDir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(outDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, JsonObject> byId(List<String> lines) {
        Map<String, JsonObject> out = new HashMap<>();
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            out.put(o.get("id").getAsString(), o);
        }
        return out;
    }

    /** Asserts, and prints the largest differences (the padding's float32 rounding), as docs/scale.md quotes. */
    private static void assertSame(String model, Map<String, JsonObject> spark, Map<String, Prediction> local) {
        assertThat(spark.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());
        int entities = 0;
        double maxP = 0;
        double maxA = 0;
        for (Map.Entry<String, Prediction> e : local.entrySet()) {
            JsonObject s = spark.get(e.getKey());
            Prediction p = e.getValue();
            assertThat(s.getAsJsonArray("labels").get(0).getAsString()).as(e.getKey()).isEqualTo(p.labels().get(0));
            for (int c = 0; c < LABELS.size(); c++) {
                double sp = s.getAsJsonObject("probabilities").get(LABELS.get(c)).getAsDouble();
                assertThat(sp).as("%s p(%s)", e.getKey(), LABELS.get(c)).isCloseTo(p.probabilities()[c],
                        within(TOLERANCE));
                maxP = Math.max(maxP, Math.abs(sp - p.probabilities()[c]));
            }
            JsonArray es = s.getAsJsonArray("entities");
            assertThat(es.size()).as(e.getKey()).isEqualTo(p.entities().size());
            for (int j = 0; j < es.size(); j++) {
                JsonObject se = es.get(j).getAsJsonObject();
                Prediction.PredictedEntity le = p.entities().get(j);
                assertThat(se.get("entity").getAsString()).isEqualTo(le.entity());
                assertThat(se.get("start").getAsInt()).isEqualTo(le.start());
                assertThat(se.get("end").getAsInt()).isEqualTo(le.end());
                assertThat(se.get("commonness").getAsFloat()).isEqualTo(le.commonness());
                assertThat(se.get("attention").getAsDouble()).isCloseTo(le.attention(), within(TOLERANCE));
                maxA = Math.max(maxA, Math.abs(se.get("attention").getAsDouble() - le.attention()));
                entities++;
            }
        }
        assertThat(entities).as("entities over all documents").isGreaterThan(5);
        System.out.printf(Locale.ROOT, "Spark vs single machine, %s: %d documents, %d entities,"
                + " max |dp| = %.2e, max |da| = %.2e%n", model, local.size(), entities, maxP, maxA);
    }

    private static Path writeJsonl(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String[] d : DOCS) {
            JsonObject o = new JsonObject();
            o.addProperty("id", d[0]);
            o.addProperty("lang", d[1]);
            o.addProperty("text", d[2]);
            lines.add(o.toString());
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void jsonlPredictionsOfASavedModelEqualSingleMachinePredictionsAndTheModelLoadsOncePerJvm() throws IOException {
        Path in = writeJsonl(dir.resolve("docs.jsonl"));
        // a factory no other test uses (the KB given explicitly), so this run's load is counted here
        PredictorFactory factory = new PredictorFactory(fineTuned.toString(), kbFile.toString(), null);
        int loadsBefore = ExecutorPredictors.loads();
        Path out = dir.resolve("out");
        long n = SparkPredict.run(LocalSpark.session(), factory, new SparkPredict.Config(in.toString(),
                DocumentInput.Format.JSONL, new DocumentInput.Fields("id", "text", "lang", "en"), out.toString(),
                false, 4, true, 3));
        assertThat(n).isEqualTo(DOCS.size());
        assertThat(ExecutorPredictors.loads() - loadsBefore).as("model loads in this JVM").isEqualTo(1);
        assertSame("boe", byId(readLines(out)), singleMachine(fineTuned));
    }

    /**
     * The same text file (one document per line, a blank line in it) through {@code boe4j predict --json --entities
     * --file} and through the Spark job's text input, both with batches of one document: the same lines.
     */
    @Test
    void predictJsonLinesOfTheCliEqualTheSparkJobsLines() throws IOException {
        for (Path model : List.of(fineTuned, frozenHead)) {
            for (String lang : List.of("en", "ja")) {
                List<String> texts = new ArrayList<>(DOCS.stream().filter(d -> d[1].equals(lang)).map(d -> d[2])
                        .toList());
                texts.add(2, "");
                Path in = Files.write(dir.resolve(lang + ".txt"), texts, StandardCharsets.UTF_8);
                List<String> cli = cliStdout("predict", "--model", model.toString(), "--lang", lang, "--json",
                        "--entities", "--batch", "1", "--file", in.toString());
                Path out = dir.resolve("out-" + model.getFileName() + "-" + lang);
                SparkPredict.run(LocalSpark.session(), new PredictorFactory(model.toString()), new SparkPredict.Config(
                        in.toString(), DocumentInput.Format.TEXT, new DocumentInput.Fields("id", "text", "lang", lang),
                        out.toString(), false, 1, true, 3));
                List<String> spark = readLines(out);
                assertThat(cli).as("%s %s", model.getFileName(), lang).hasSize(texts.size() - 1);
                assertThat(spark).as("%s %s", model.getFileName(), lang).containsExactlyInAnyOrderElementsOf(cli);
                assertThat(byId(cli)).doesNotContainKey("3");   // the blank line
                assertThat(byId(cli).values().stream().mapToInt(o -> o.getAsJsonArray("entities").size()).sum())
                        .as("entities in the lines").isGreaterThan(3);
            }
        }
    }

    private static List<String> cliStdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Parquet in and out, with the head on a frozen encoder (the encoder found at its recorded path). */
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
        SparkPredict.run(spark, new PredictorFactory(frozenHead.toString()), new SparkPredict.Config(in.toString(),
                DocumentInput.Format.PARQUET, new DocumentInput.Fields("doc", "body", "language", "en"),
                out.toString(), true, 4, true, 2));
        Map<String, JsonObject> spark2 = new HashMap<>();
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) {
            spark2.put(r.getAs("id"), JsonParser.parseString(r.<String>getAs("json")).getAsJsonObject());
            assertThat(r.<scala.collection.Seq<Double>>getAs("probabilities").size()).isEqualTo(LABELS.size());
        }
        assertSame("boe-att frozen", spark2, singleMachine(frozenHead));
    }

    @Test
    void aBadJsonLineIsAnErrorNamingTheLine() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.write(in, List.of("{\"text\": \"fine\"}", "{\"body\": \"no text field\"}"));
        assertThatThrownBy(() -> SparkPredict.run(LocalSpark.session(), new PredictorFactory(fineTuned.toString()),
                new SparkPredict.Config(in.toString(), DocumentInput.Format.JSONL,
                        new DocumentInput.Fields("id", "text", "lang", "en"), dir.resolve("o").toString(), false, 4,
                        false, 1)))
                .hasStackTraceContaining("input line 2: field \"text\" missing or not a string");
    }

    @Test
    void aDamagedModelDirectoryFailsOnTheDriverBeforeTheJob() throws IOException {
        SparkMain.Predict.checkModelOnDriver(fineTuned); // the intact directory passes
        Path damaged = dir.resolve("damaged-model");
        Files.createDirectories(damaged);
        try (var files = Files.list(fineTuned)) {
            for (Path f : files.toList()) {
                Files.copy(f, damaged.resolve(f.getFileName()));
            }
        }
        Path card = damaged.resolve(org.boe4j.model.TrainedModel.CARD_FILE);
        try (var files = Files.list(damaged)) {
            Path victim = files.filter(f -> !f.equals(card)).findFirst().orElseThrow();
            Files.write(victim, new byte[]{1, 2, 3}, StandardOpenOption.APPEND);
            assertThatThrownBy(() -> SparkMain.Predict.checkModelOnDriver(damaged))
                    .hasMessageContaining(victim.getFileName().toString());
        }
        assertThatThrownBy(() -> SparkMain.Predict.checkModelOnDriver(card)).hasMessageContaining("this is a file");
    }
}
