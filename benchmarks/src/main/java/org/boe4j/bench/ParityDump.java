package org.boe4j.bench;

import org.boe4j.bert.BertEncoding;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertWeights;
import org.boe4j.io.Npy;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes boe4j's encoder output on a fixed input, for the peers to check that they compute the same function
 * (benchmarks/peers/run.sh; the PyTorch peer prints the max abs difference on valid positions). Input: B = 2,
 * T = 128, {@link SyntheticIds}; row 1 keeps only its first 100 positions (mask 0 after, pad id 0) so that masking
 * is exercised. Files: input_ids.npy, attention_mask.npy (int32 [2, 128]), sequence_output.npy [2, 128, 768],
 * pooled_output.npy [2, 768] (float32).
 *
 * <pre>java -cp ... org.boe4j.bench.ParityDump OUT_DIR   (weights: -Dboe4j.weights, see BenchWeights)</pre>
 */
public final class ParityDump {

    static final int BATCH = 2;
    static final int LENGTH = 128;
    static final int VALID_IN_ROW_1 = 100;

    private ParityDump() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ParityDump OUT_DIR");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        int[][] ids = SyntheticIds.ids(BATCH, LENGTH);
        int[][] mask = SyntheticIds.ones(BATCH, LENGTH);
        for (int t = VALID_IN_ROW_1; t < LENGTH; t++) {
            ids[1][t] = 0;
            mask[1][t] = 0;
        }
        ids[1][VALID_IN_ROW_1 - 1] = SyntheticIds.SEP;
        BertWeights w = BertWeights.load(BenchWeights.dir());
        BertModel model = BertModel.load(w.config(), w.tensors());
        BertEncoding enc = model.forward(BertInputs.of(ids, mask, null));
        Npy.write(out.resolve("input_ids.npy"), Nd4j.createFromArray(ids));
        Npy.write(out.resolve("attention_mask.npy"), Nd4j.createFromArray(mask));
        Npy.write(out.resolve("sequence_output.npy"), enc.sequenceOutput());
        Npy.write(out.resolve("pooled_output.npy"), enc.pooledOutput());
        System.out.println("boe4j outputs written to " + out.toAbsolutePath());
    }
}
