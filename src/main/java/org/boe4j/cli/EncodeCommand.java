package org.boe4j.cli;

import org.boe4j.bert.BertEncoding;
import org.boe4j.model.PretrainedEncoder;
import org.boe4j.text.EncodedBatch;
import org.boe4j.text.Encoding;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j encode "text" ...}: tokens, the head of the [CLS] vector, and timing. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode texts with M-BERT: print the word pieces, the first values of h = the [CLS] state, and timing.")
final class EncodeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "one or more texts (encoded as one batch)")
    List<String> texts;

    @Option(names = "--show", paramLabel = "N", description = "how many values of each vector to print (default: ${DEFAULT-VALUE})")
    int show = 8;

    @Mixin
    WeightsOption weights = new WeightsOption();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        try (PretrainedEncoder encoder = weights.open(out)) {
            long t1 = System.nanoTime();
            EncodedBatch batch = encoder.tokenize(texts);
            long t2 = System.nanoTime();
            BertEncoding encoding = encoder.model().forward(PretrainedEncoder.inputs(batch));
            long t3 = System.nanoTime();
            INDArray cls = encoding.cls();
            for (int b = 0; b < batch.size(); b++) {
                Encoding row = batch.row(b);
                out.printf("text %d: %d word pieces%s%n", b, row.length(), row.truncated() ? " (truncated)" : "");
                out.println("  tokens: " + String.join(" ", row.tokens()));
                out.println("  h[CLS][0:" + show + "]: " + head(cls.getRow(b)));
                out.println("  pooled[0:" + show + "]: " + head(encoding.pooledOutput().getRow(b)));
            }
            out.printf(Locale.ROOT, "load %.2f s, tokenize %.1f ms, forward %.1f ms for batch %d x %d%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e6, (t3 - t2) / 1e6, batch.size(), batch.length());
        }
        return 0;
    }

    private String head(INDArray v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(show, v.length()); i++) {
            sb.append(String.format(Locale.ROOT, "%s%.6f", i == 0 ? "" : " ", v.getDouble(i)));
        }
        return sb.toString();
    }
}
