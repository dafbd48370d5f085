package org.boe4j.cli;

import org.boe4j.io.TerminalText;
import org.boe4j.model.Prediction;
import org.boe4j.model.PredictionJson;
import org.boe4j.model.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j predict --model DIR --lang fr "texte" ...}: labels and probabilities for texts in any language. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict labels with a trained model for texts given as arguments, in a file (one per line) or on"
                + " stdin (one per line; empty lines are skipped). Prints the predicted label(s), every label's"
                + " probability and the text (control characters escaped: \\t, \\n, \\x1B, ...), tab-separated, or JSON"
                + " lines (the lines of the Spark batch job). A text longer than the model's maximum length is cut to"
                + " its first word pieces: the prediction and its entities come from that part, and a note on stderr"
                + " (JSON: \"truncated\", \"encodedChars\") says so.")
final class PredictCommand implements Callable<Integer> {

    /** Truncation notes printed one by one before they are only counted. */
    private static final int TRUNCATION_NOTES = 10;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "texts (none and no --file: read stdin)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "UTF-8 file with one text per line ('-' = stdin)")
    Path file;

    @Option(names = "--json", description = "one JSON object per text: id (argument position or line number), lang,"
            + " labels, probabilities by label")
    boolean json;

    @Option(names = "--entities", description = "with --json: also the bag of entities (English title, p(e|m),"
            + " UTF-16 offsets, attention weight)")
    boolean entities;

    @Option(names = "--batch", paramLabel = "N", description = "texts per forward pass; results are printed after each"
            + " batch (default: ${DEFAULT-VALUE})")
    int batch = 16;

    @Mixin
    ModelOption model = new ModelOption();

    @Override
    public Integer call() throws Exception {
        if (file != null && !texts.isEmpty()) {
            throw new IllegalArgumentException("give the texts as arguments or with --file, not both");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        List<TextInputs.Input> inputs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            inputs.add(new TextInputs.Input(Integer.toString(i + 1), texts.get(i)));
        }
        if (file != null) {
            inputs.addAll(TextInputs.lines(file));
        } else if (inputs.isEmpty()) {
            inputs.addAll(TextInputs.lines(Path.of("-")));
        }
        PrintStream out = System.out;
        int truncated = 0;
        try (Predictor predictor = model.open(System.err)) {
            List<String> labels = predictor.labels();
            for (int start = 0; start < inputs.size(); start += batch) {
                List<TextInputs.Input> chunk = inputs.subList(start, Math.min(inputs.size(), start + batch));
                List<Prediction> predictions = MemoryLimits.predicting(chunk.size(), () ->
                        predictor.predict(chunk.stream().map(TextInputs.Input::text).toList(), model.lang, batch));
                for (int i = 0; i < chunk.size(); i++) {
                    Prediction p = predictions.get(i);
                    TextInputs.Input in = chunk.get(i);
                    if (p.truncated() && truncated++ < TRUNCATION_NOTES) {
                        System.err.printf(Locale.ROOT, "note: text %s is longer than the model's %d word pieces:"
                                + " only its first %,d of %,d characters were read (the prediction and its entities"
                                + " come from that part)%n", in.id(), predictor.model().card().maxLength(),
                                p.encodedChars(), in.text().length());
                    }
                    out.println(json ? PredictionJson.line(in.id(), model.lang, labels, p, entities) : row(labels, p, in));
                }
                out.flush();
            }
        }
        if (truncated > TRUNCATION_NOTES) {
            System.err.printf(Locale.ROOT, "note: %,d texts in all were cut to the model's maximum length%n", truncated);
        }
        return 0;
    }

    /** label(s) TAB probabilities TAB text, every field escaped so that it stays one field of one line. */
    private static String row(List<String> labels, Prediction p, TextInputs.Input in) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%s%s %.4f", c == 0 ? "" : ", ", TerminalText.escape(labels.get(c)),
                    p.probabilities()[c]));
        }
        String predicted = p.labels().isEmpty() ? "(none)"
                : String.join(",", p.labels().stream().map(TerminalText::escape).toList());
        return predicted + "\t" + sb + "\t" + TerminalText.escape(in.text());
    }
}
