package org.boe4j.cli;

import org.boe4j.model.Prediction;
import org.boe4j.model.PredictionJson;
import org.boe4j.model.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j predict --model DIR --lang fr "texte" ...}: labels and probabilities for texts in any language. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict labels with a trained model for texts given as arguments, in a file (one per line) or on"
                + " stdin (one per line; empty lines are skipped). Prints the predicted label(s) and every label's"
                + " probability, as text or JSON lines (the lines of the Spark batch job). For a typing model: the"
                + " types above the threshold with their probabilities, the bag of entities and the model's input; a"
                + " mention marked [[like this]] in a sentence becomes 'mention [SEP] sentence' (docs/evaluation.md).")
final class PredictCommand implements Callable<Integer> {

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

    @Option(names = "--batch", paramLabel = "N", description = "texts per forward pass (default: ${DEFAULT-VALUE})")
    int batch = 16;

    @Mixin
    ModelOption model = new ModelOption();

    /** One text to predict; id = its position among the arguments, or its line number in the file or stdin. */
    private record Input(String id, String text) {
    }

    @Override
    public Integer call() throws Exception {
        if (file != null && !texts.isEmpty()) {
            throw new IllegalArgumentException("give the texts as arguments or with --file, not both");
        }
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            inputs.add(new Input(Integer.toString(i + 1), texts.get(i)));
        }
        if (file != null && !file.toString().equals("-")) {
            inputs.addAll(lines(file));
        } else if (inputs.isEmpty()) {
            inputs.addAll(stdin());
        }
        PrintStream out = System.out;
        try (Predictor predictor = model.open(System.err)) {
            List<String> labels = predictor.labels();
            List<String> documents = inputs.stream().map(in -> MarkedMention.documentText(predictor, in.text())).toList();
            List<Prediction> predictions = predictor.predict(documents, model.lang, batch);
            for (int i = 0; i < inputs.size(); i++) {
                Prediction p = predictions.get(i);
                if (json) {
                    out.println(PredictionJson.line(inputs.get(i).id(), model.lang, labels, p, entities));
                } else if (MarkedMention.typing(predictor)) {
                    out.printf("%s\t%s\t%s%n", MarkedMention.types(labels, p), MarkedMention.bag(p),
                            documents.get(i));
                } else {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < labels.size(); c++) {
                        sb.append(String.format(Locale.ROOT, "%s%s %.4f", c == 0 ? "" : ", ", labels.get(c),
                                p.probabilities()[c]));
                    }
                    out.printf("%s\t%s\t%s%n", p.labels().isEmpty() ? "(none)" : String.join(",", p.labels()), sb,
                            inputs.get(i).text());
                }
            }
        }
        return 0;
    }

    private static List<Input> lines(Path f) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(f + ": not valid UTF-8 text", e);
        }
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(new Input(Integer.toString(i + 1), lines.get(i)));
            }
        }
        return out;
    }

    private static List<Input> stdin() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<Input> out = new ArrayList<>();
        String line;
        int n = 0;
        try {
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(new Input(Integer.toString(n), line));
                }
            }
        } catch (CharacterCodingException e) {
            throw new IOException("stdin, line " + (n + 1) + ": not valid UTF-8 text", e);
        }
        return out;
    }
}
