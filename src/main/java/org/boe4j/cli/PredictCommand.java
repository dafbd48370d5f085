package org.boe4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
                + " probability, as text or JSON lines.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "texts (none and no --file: read stdin)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "UTF-8 file with one text per line ('-' = stdin)")
    Path file;

    @Option(names = "--json", description = "one JSON object per text: text, predicted, probabilities by label")
    boolean json;

    @Option(names = "--batch", paramLabel = "N", description = "texts per forward pass (default: ${DEFAULT-VALUE})")
    int batch = 16;

    @Mixin
    ModelOption model = new ModelOption();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<String> inputs = new ArrayList<>(texts);
        if (file != null) {
            inputs.addAll(file.toString().equals("-") ? stdin() : lines(file));
        } else if (inputs.isEmpty()) {
            inputs.addAll(stdin());
        }
        try (Predictor predictor = model.open(System.err)) {
            List<String> labels = predictor.model().card().labels();
            Gson gson = new GsonBuilder().disableHtmlEscaping().create();
            for (Predictor.Prediction p : predictor.predict(inputs, model.lang, batch)) {
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("text", p.text());
                    JsonArray predicted = new JsonArray();
                    p.predicted().forEach(predicted::add);
                    o.add("predicted", predicted);
                    JsonObject probs = new JsonObject();
                    for (int c = 0; c < labels.size(); c++) {
                        probs.addProperty(labels.get(c), p.probabilities()[c]);
                    }
                    o.add("probabilities", probs);
                    out.println(gson.toJson(o));
                } else {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < labels.size(); c++) {
                        sb.append(String.format(Locale.ROOT, "%s%s %.4f", c == 0 ? "" : ", ", labels.get(c),
                                p.probabilities()[c]));
                    }
                    out.printf("%s\t%s\t%s%n", p.predicted().isEmpty() ? "(none)" : String.join(",", p.predicted()),
                            sb, p.text());
                }
            }
        }
        return 0;
    }

    private static List<String> lines(Path f) throws IOException {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (CharacterCodingException e) {
            throw new IOException(f + ": not valid UTF-8 text", e);
        }
    }

    private static List<String> stdin() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<String> out = new ArrayList<>();
        String line;
        int n = 0;
        try {
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        } catch (CharacterCodingException e) {
            throw new IOException("stdin, line " + (n + 1) + ": not valid UTF-8 text", e);
        }
        return out;
    }
}
