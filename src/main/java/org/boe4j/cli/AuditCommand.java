package org.boe4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.boe4j.bert.ActivationDump;
import org.boe4j.bert.BertEncoding;
import org.boe4j.bert.BertInputs;
import org.boe4j.model.PretrainedEncoder;
import org.boe4j.text.EncodedBatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code boe4j audit}: every layer's activations for given texts or exact token ids, as .npy + index.json. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Write the inputs and every layer's activations (embeddings output, each layer's output,"
                + " sequence output, pooled output) as .npy files with a JSON index, for checking each layer"
                + " against your own reference.")
final class AuditCommand implements Callable<Integer> {

    static final class Input {
        @Parameters(arity = "1..*", paramLabel = "TEXT", description = "texts, tokenized with the model's tokenizer")
        List<String> texts;

        @Option(names = "--ids", paramLabel = "ID,ID,...",
                description = "exact token ids of one row, [CLS] and [SEP] included; repeat for several rows"
                        + " (shorter rows are padded with 0 and masked)")
        List<String> idRows;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory: created, or replaced atomically when it"
            + " is empty or holds an earlier audit output (and nothing else); anything else is refused")
    Path out;

    @Mixin
    WeightsOption weights = new WeightsOption();

    @Override
    public Integer call() throws Exception {
        ActivationDump.checkTarget(out); // before loading the weights
        try (PretrainedEncoder encoder = weights.open(System.out)) {
            JsonObject provenance = new JsonObject();
            provenance.addProperty("weights", encoder.dir().toAbsolutePath().toString());
            provenance.addProperty("hidden_act", encoder.config().hiddenAct().hfName());
            BertInputs inputs;
            if (input.texts != null) {
                EncodedBatch batch = encoder.tokenize(input.texts);
                inputs = PretrainedEncoder.inputs(batch);
                JsonArray rows = new JsonArray();
                for (int b = 0; b < batch.size(); b++) {
                    JsonObject row = new JsonObject();
                    row.addProperty("text", input.texts.get(b));
                    row.addProperty("tokens", String.join(" ", batch.row(b).tokens()));
                    rows.add(row);
                }
                provenance.add("texts", rows);
            } else {
                inputs = idRows(input.idRows);
            }
            BertEncoding encoding = encoder.model().forward(inputs, true);
            ActivationDump.write(out, inputs, encoding, provenance);
            System.out.println("wrote " + (encoding.layers().size() + 5) + " arrays and "
                    + ActivationDump.INDEX + " to " + out + " (batch " + inputs.batchSize() + " x "
                    + inputs.sequenceLength() + ")");
        }
        return 0;
    }

    /** One row per --ids occurrence, padded to the longest with id 0 and mask 0. */
    private BertInputs idRows(List<String> occurrences) {
        int[][] rows = occurrences.stream().map(s -> Arrays.stream(s.split(",")).map(String::trim)
                .mapToInt(v -> {
                    try {
                        return Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--ids: \"" + v + "\" is not a token id");
                    }
                }).toArray()).toArray(int[][]::new);
        int t = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
        int[][] ids = new int[rows.length][t];
        int[][] mask = new int[rows.length][t];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, ids[b], 0, rows[b].length);
            Arrays.fill(mask[b], 0, rows[b].length, 1);
        }
        return BertInputs.of(ids, mask, null);
    }
}
