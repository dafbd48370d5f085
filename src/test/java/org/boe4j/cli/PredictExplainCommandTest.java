package org.boe4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.model.BoeModel;
import org.boe4j.model.DocumentBatch;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.DocumentVectors;
import org.boe4j.model.EntityAttention;
import org.boe4j.model.ModelCard;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.Prediction;
import org.boe4j.model.PredictionJson;
import org.boe4j.model.Predictor;
import org.boe4j.model.TaskType;
import org.boe4j.model.TinyModels;
import org.boe4j.model.TrainedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code boe4j predict} and {@code boe4j explain} through {@link Main#run} on a tiny saved model. */
class PredictExplainCommandTest {

    private static final String GERMAN = "Paris liegt in Frankreich.";

    @TempDir
    Path dir;

    private Path modelDir;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void saveModel() throws Exception {
        modelDir = TinyModels.saveFrozenBoeModel(dir);
    }

    private static Result run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private static Result run(byte[] stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    private static double[] probabilities(JsonObject o, List<String> labels) {
        JsonObject p = o.has("probabilities") ? o.getAsJsonObject("probabilities") : null;
        return labels.stream().mapToDouble(l -> p.get(l).getAsDouble()).toArray();
    }

    @Test
    void predictPrintsWhatThePredictorComputesFromArgumentsFilesAndStdin() throws Exception {
        List<String> texts = List.of(GERMAN, "Berlin ist die Hauptstadt von Deutschland.");
        Prediction[] expected;
        try (Predictor p = Predictor.open(modelDir, null, null)) {
            expected = p.predict(texts, "de", 16).toArray(Prediction[]::new);
        }
        Result json = run("", "predict", "--model", modelDir.toString(), "--lang", "deu", "--json", texts.get(0),
                texts.get(1));
        assertThat(json.code()).as(json.err()).isZero();
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            // the PredictionJson line of the Spark batch job: id = argument position
            assertThat(lines.get(i)).isEqualTo(PredictionJson.line(Integer.toString(i + 1), "deu", TinyModels.LABELS,
                    expected[i], false));
            assertThat(o.get("id").getAsString()).isEqualTo(Integer.toString(i + 1));
            assertThat(probabilities(o, TinyModels.LABELS)).containsExactly(expected[i].probabilities());
            assertThat(o.getAsJsonArray("labels").get(0).getAsString()).isEqualTo(expected[i].labels().get(0));
            assertThat(o.has("entities")).isFalse();
        }

        Path file = Files.write(dir.resolve("texts.txt"), List.of(texts.get(0), "", texts.get(1)), StandardCharsets.UTF_8);
        Result fromFile = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--file", file.toString());
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        List<String> rows = fromFile.out().lines().toList();
        assertThat(rows).hasSize(2);   // the empty line is skipped
        assertThat(rows.get(0)).startsWith(expected[0].labels().get(0) + "\t").endsWith("\t" + GERMAN)
                .contains(String.format(Locale.ROOT, "geography %.4f", expected[0].probabilities()[0]));

        // JSON from a file: ids are line numbers (the blank line 2 is skipped, as the Spark job skips it), and
        // --entities adds the bag the predictor found
        Result jsonFile = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--json", "--entities",
                "--file", file.toString());
        assertThat(jsonFile.code()).as(jsonFile.err()).isZero();
        assertThat(jsonFile.out().lines().toList()).containsExactly(
                PredictionJson.line("1", "de", TinyModels.LABELS, expected[0], true),
                PredictionJson.line("3", "de", TinyModels.LABELS, expected[1], true));
        JsonObject first = JsonParser.parseString(jsonFile.out().lines().findFirst().orElseThrow()).getAsJsonObject();
        assertThat(first.getAsJsonArray("entities")).hasSize(3);   // Paris (2 candidates) and France
        assertThat(first.getAsJsonArray("entities").get(2).getAsJsonObject().get("entity").getAsString())
                .isEqualTo("France");
        Result both = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--file", file.toString(),
                GERMAN);
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).contains("not both");

        Result fromStdin = run(texts.get(1) + "\n", "predict", "--model", modelDir.toString(), "--lang", "de");
        assertThat(fromStdin.code()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.out().lines().toList()).containsExactly(rows.get(1));
        assertThat(fromStdin.err()).contains("model: " + modelDir).contains("frozen encoder");
    }

    @Test
    void explainJsonHasPredictsProbabilitiesAndTheTextViewShowsEachStep() {
        Result predict = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--json", GERMAN);
        double[] predicted = probabilities(JsonParser.parseString(predict.out().strip()).getAsJsonObject(),
                TinyModels.LABELS);

        Result json = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--json", GERMAN);
        assertThat(json.code()).as(json.err()).isZero();
        JsonObject e = JsonParser.parseString(json.out()).getAsJsonObject();
        double[] with = new double[3];
        for (int c = 0; c < 3; c++) {
            with[c] = e.getAsJsonObject("withEntities").getAsJsonArray("probabilities").get(c).getAsDouble();
        }
        assertThat(with).containsExactly(predicted);
        assertThat(e.getAsJsonArray("bag")).hasSize(3);
        assertThat(e.getAsJsonArray("bag").get(2).getAsJsonObject().get("english").getAsString()).isEqualTo("France");
        assertThat(e.getAsJsonArray("mentions").get(1).getAsJsonObject().get("start").getAsInt()).isEqualTo(15);

        Result text = run("", "explain", "--model", modelDir.toString(), "--lang", "de", GERMAN);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("tokens (7): [CLS] Paris[0,5) liegt[6,11) in[12,14) Frankreich[15,25) .[25,26) [SEP]")
                .contains("[15, 25) \"Frankreich\"")
                .contains("en:Paris (mythology)").contains("de:Paris (Mythologie)")
                .contains("bag of entities (3); W_a = [")
                .contains("with entities (h+z)").contains("prediction: ");
    }

    /**
     * The score W_a^T phi that explain prints (text and JSON) is the graph's own value {@code boe.attention_scores},
     * fetched here from a separately loaded model by feeding the bag directly.
     */
    @Test
    void explainPrintsTheAttentionScoreTheGraphComputed() throws Exception {
        double[] graph;
        try (TrainedModel m = TrainedModel.load(modelDir)) {
            List<DocumentFeatures> docs = m.featurizer(TinyModels.kb()).featurize(List.of(GERMAN), "de");
            INDArray h = DocumentVectors.compute(m.encoder(), docs, 1, Progress.silent());
            BoeModel head = m.model();
            DocumentBatch b = DocumentBatch.of(docs, null, TinyModels.LABELS.size(),
                    m.card().maxEntitiesPerDocument(), head.entityTableRows(), head.dataType());
            graph = head.output(head.feedFeatures(h, b.entities(), null), EntityAttention.SCORES)
                    .get(EntityAttention.SCORES).getRow(0).toDoubleVector();
        }
        assertThat(graph).hasSize(3);

        Result json = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--json", GERMAN);
        assertThat(json.code()).as(json.err()).isZero();
        JsonArray bag = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("bag");
        assertThat(bag).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(bag.get(k).getAsJsonObject().get("score").getAsDouble()).as("slot %d", k).isEqualTo(graph[k]);
        }

        Result text = run("", "explain", "--model", modelDir.toString(), "--lang", "de", GERMAN);
        assertThat(text.code()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.strip().startsWith("slot")).findFirst().orElseThrow());
        for (int k = 0; k < 3; k++) {
            // columns from the right: v_e from, |v_e|, a_e, score, cos(h,v), p(e|m)
            String[] cols = lines.get(header + 1 + k).strip().split("\\s+");
            assertThat(cols[cols.length - 4]).as("slot %d", k)
                    .isEqualTo(String.format(Locale.ROOT, "%.4f", graph[k]));
        }
    }

    @Test
    void clearErrorsForAMissingLanguageAndAMissingKb() throws Exception {
        Result noLang = run("", "predict", "--model", modelDir.toString(), GERMAN);
        assertThat(noLang.code()).isEqualTo(1);
        assertThat(noLang.err()).contains("the language of the texts is needed");
        Files.delete(dir.resolve("tiny.boe4jkb"));
        Result noKb = run("", "explain", "--model", modelDir.toString(), "--lang", "de", GERMAN);
        assertThat(noKb.code()).isEqualTo(1);
        assertThat(noKb.err()).contains("tiny.boe4jkb").contains("is not there");
    }

    @Test
    void aTypingModelReadsAMarkedMentionAsMentionSepSentenceAndPrintsTypesAboveThresholdAndTheBag() throws Exception {
        Path encoderDir = dir.resolve("mbert");
        Path kbFile = dir.resolve("tiny.boe4jkb");
        EntityIndex index = EntityIndex.fromKb(TinyModels.kb());
        BoeModel head = BoeModel.onFeatures(TinyModels.CONFIG, TinyModels.head(ModelVariant.BOE, TaskType.MULTI_LABEL),
                TinyModels.table(index, 4), DataType.FLOAT);
        TinyModels.perturbHead(head, 8);
        ModelCard.KbReference kbRef = new ModelCard.KbReference(kbFile.toAbsolutePath().toString(),
                Checksums.sha256(kbFile));
        String document = "Paris [SEP] Paris liegt in Frankreich.";
        Path probe = dir.resolve("typing-probe");
        TrainedModel.save(probe, head, encoderDir, index, TinyModels.MAX_LENGTH, 0.5, kbRef, new JsonObject());
        double[] p0;
        try (Predictor p = Predictor.open(probe, null, null)) {
            p0 = p.predict(List.of(document), "de", 1).get(0).probabilities();
        }
        // the threshold between the two most probable labels, so that exactly one is printed and two are not
        double[] sorted = p0.clone();
        Arrays.sort(sorted);
        double threshold = (sorted[2] + sorted[1]) / 2;
        Path typing = dir.resolve("typing");
        TrainedModel.save(typing, head, encoderDir, index, TinyModels.MAX_LENGTH, threshold, kbRef, new JsonObject());
        Prediction expected;
        try (Predictor p = Predictor.open(typing, null, null)) {
            expected = p.predict(List.of(document), "de", 1).get(0);
        }
        // the mention's own entity is linked twice: in the mention before [SEP] and in the sentence
        assertThat(expected.entities()).extracting(Prediction.PredictedEntity::start).containsExactly(0, 0, 12, 12, 27);
        assertThat(expected.labels()).hasSize(1);

        Result r = run("", "predict", "--model", typing.toString(), "--lang", "de", "[[Paris]] liegt in Frankreich.");
        assertThat(r.code()).as(r.err()).isZero();
        String[] cols = r.out().strip().split("\t");
        assertThat(cols).hasSize(3);
        StringBuilder types = new StringBuilder();
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        order.sort((a, b) -> Double.compare(expected.probabilities()[b], expected.probabilities()[a]));
        for (int c : order) {
            if (expected.probabilities()[c] >= threshold) {
                types.append(types.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.4f",
                        TinyModels.LABELS.get(c), expected.probabilities()[c]));
            }
        }
        assertThat(cols[0]).isEqualTo(types.toString());
        assertThat(cols[1]).contains("France p(e|m)=").contains("[27,37)").contains("[0,5)");
        assertThat(cols[2]).isEqualTo(document);

        Result explain = run("", "explain", "--model", typing.toString(), "--lang", "de", "[[Paris]] liegt in Frankreich.");
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("text (de, 38 chars): " + document).contains("bag of entities (5)")
                .contains("types (p >= " + threshold + "): " + types);

        Result twoMarks = run("", "predict", "--model", typing.toString(), "--lang", "de", "[[Paris]] und [[Berlin]]");
        assertThat(twoMarks.code()).isEqualTo(1);
        assertThat(twoMarks.err()).contains("mark exactly one mention");
    }

    // ------------------------------------------------------------------ bad input (issue 16, defects 7, 9, 11, 12, 15)

    /** Valid lines 1-2, then a line 3 whose 7th byte starts no UTF-8 sequence. */
    private static final byte[] INVALID_ON_LINE_3 = concat(("Paris liegt in Frankreich.\nBerlin.\n").getBytes(
            StandardCharsets.UTF_8), new byte[]{'P', 'a', 'r', 'i', 's', ' ', (byte) 0xFF, '.', '\n'});

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void invalidUtf8IsReportedWithItsLineAndByteOnStdinAndInAFile() throws Exception {
        // stdin used to be decoded in 8 KB blocks and blamed "line 1" for a bad byte on line 3
        Result stdin = run(INVALID_ON_LINE_3, "predict", "--model", modelDir.toString(), "--lang", "de");
        assertThat(stdin.code()).isEqualTo(1);
        assertThat(stdin.out()).isEmpty();
        assertThat(stdin.err()).contains("stdin, line 3: malformed UTF-8 at byte 7 of the line (0xFF)");

        Path file = Files.write(dir.resolve("bad.txt"), INVALID_ON_LINE_3);
        Result fromFile = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--file", file.toString());
        assertThat(fromFile.code()).isEqualTo(1);
        assertThat(fromFile.err()).contains(file + ", line 3: malformed UTF-8 at byte 7 of the line (0xFF)");
        Result explain = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--file", file.toString());
        assertThat(explain.err()).contains(file + ", line 3: malformed UTF-8 at byte 7 of the line (0xFF)");
    }

    @Test
    void aMissingFileAndADirectoryAreNamedWithThePathAsGiven() {
        Path missing = dir.resolve("no-such-texts.txt");
        Result noFile = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--file", missing.toString());
        assertThat(noFile.code()).isEqualTo(1);
        assertThat(noFile.err()).contains("boe4j: error: " + missing + ": no such file");
        Result directory = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--file", dir.toString());
        assertThat(directory.code()).isEqualTo(1);
        assertThat(directory.err()).contains("boe4j: error: " + dir + ": is a directory");
        Result explain = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--file", dir.toString());
        assertThat(explain.err()).contains(dir + ": is a directory");
    }

    @Test
    void anArgumentThatWasNotUtf8IsRejectedNotClassified() {
        // what the JVM makes of the bytes 'c' 'a' 'f' 0xE9 (Latin-1) under a UTF-8 locale
        Result r = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "Paris caf\uFFFD");
        assertThat(r.code()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("command-line argument 6 is not valid UTF-8").contains("--file");
    }

    @Test
    void controlCharactersAreEscapedAndATabDoesNotSplitTheTsvRow() {
        String hostile = "Paris\tliegt \u001b[2J\u001b]0;owned\u0007in\u0000 Frankreich\u009b.";
        Result predict = run("", "predict", "--model", modelDir.toString(), "--lang", "de", hostile);
        assertThat(predict.code()).as(predict.err()).isZero();
        String row = predict.out().stripTrailing();
        assertThat(row.split("\t", -1)).hasSize(3);
        assertThat(row.split("\t", -1)[2])
                .isEqualTo("Paris\\tliegt \\x1B[2J\\x1B]0;owned\\x07in\\x00 Frankreich\\x9B.");
        assertThat(predict.out()).doesNotContain("\u001b", "\u0007", "\u0000", "\u009b");

        Result json = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--json", hostile);
        assertThat(json.out()).doesNotContain("\u001b", "\u0007", "\u0000", "\u009b");
        // the escapes are JSON's own: the line still parses back to the same id and labels
        assertThat(JsonParser.parseString(json.out().strip()).getAsJsonObject().get("id").getAsString()).isEqualTo("1");

        Result explain = run("", "explain", "--model", modelDir.toString(), "--lang", "de", hostile);
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(explain.out()).doesNotContain("\u001b", "\u0007", "\u0000", "\u009b")
                .contains("Paris\\tliegt \\x1B[2J");
        Result explainJson = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--json", hostile);
        assertThat(explainJson.out()).doesNotContain("\u001b", "\u0007", "\u0000", "\u009b");
        assertThat(JsonParser.parseString(explainJson.out()).getAsJsonObject().get("text").getAsString())
                .isEqualTo(hostile);
    }

    @Test
    void theModelLineNamesTheEncoderGivenWithEncoder() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved-mbert"));
        try (var files = Files.list(dir.resolve("mbert"))) {
            for (Path f : files.toList()) {
                Files.copy(f, moved.resolve(f.getFileName()));
            }
        }
        Result r = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--encoder", moved.toString(),
                GERMAN);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("frozen encoder " + moved + ")");
    }

    /**
     * "Paris liegt in" and 27 more "in": exactly the 30 word pieces the model reads (MAX_LENGTH 32 with [CLS] and
     * [SEP]), ending at character 95; three more "in" and "Berlin." follow, beyond the window.
     */
    private static final String WINDOW = "Paris liegt in" + " in".repeat(27);
    private static final String LONG = WINDOW + " in in in Berlin.";

    @Test
    void aLongTextIsCutAndSaysSoAndItsEntitiesComeFromTheReadPartOnly() throws Exception {
        assertThat(WINDOW).hasSize(95);
        Result r = run("", "predict", "--model", modelDir.toString(), "--lang", "de", "--json", "--entities", LONG,
                WINDOW);
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> lines = r.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        JsonObject cut = lines.get(0);
        assertThat(cut.get("truncated").getAsBoolean()).isTrue();
        assertThat(cut.get("encodedChars").getAsInt()).isEqualTo(95);
        // Paris's two candidates; Berlin (at 105) lies beyond what the encoder reads and is not in the bag
        assertThat(cut.getAsJsonArray("entities")).hasSize(2);
        assertThat(cut.getAsJsonArray("entities").toString()).doesNotContain("Berlin");
        // the model read exactly the window: the probabilities of the window alone (not cut), up to float rounding
        // between two rows of a batch
        double[] windowOnly = probabilities(lines.get(1), TinyModels.LABELS);
        double[] ofCut = probabilities(cut, TinyModels.LABELS);
        for (int c = 0; c < windowOnly.length; c++) {
            assertThat(ofCut[c]).isCloseTo(windowOnly[c], within(1e-6));
        }
        assertThat(lines.get(1).has("truncated")).isFalse();
        assertThat(r.err()).contains("note: text 1 is longer than the model's 32 word pieces: only its first 95 of 112"
                + " characters were read").doesNotContain("note: text 2");

        Result text = run("", "predict", "--model", modelDir.toString(), "--lang", "de", LONG);
        assertThat(text.err()).contains("note: text 1 is longer");
    }

    @Test
    void explainTakesAFileOrStdinAndShowsWhereTheReadPartEnds() throws Exception {
        // 210 KB: too long for an argument list in practice; explain reads it whole
        String huge = WINDOW + " in".repeat(70_000) + " Berlin.";
        Path file = Files.writeString(dir.resolve("huge.txt"), huge + "\n", StandardCharsets.UTF_8);
        Result fromFile = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--file", file.toString());
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("text (de, " + huge.length() + " chars; cut to the model's 32 word pieces:"
                + " only characters [0, 95) are read").contains("[... " + (huge.length() - 95) + " characters not read]")
                .contains("bag of entities (2)").doesNotContain("Berlin");

        Result json = run("", "explain", "--model", modelDir.toString(), "--lang", "de", "--json", "--file",
                file.toString());
        JsonObject e = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(e.get("text").getAsString()).isEqualTo(huge);   // the final line break is not part of the text
        assertThat(e.get("truncated").getAsBoolean()).isTrue();
        assertThat(e.get("windowEnd").getAsInt()).isEqualTo(95);

        Result stdin = run(GERMAN + "\n", "explain", "--model", modelDir.toString(), "--lang", "de");
        Result argument = run("", "explain", "--model", modelDir.toString(), "--lang", "de", GERMAN);
        assertThat(stdin.code()).as(stdin.err()).isZero();
        assertThat(stdin.out()).isEqualTo(argument.out());
    }
}
