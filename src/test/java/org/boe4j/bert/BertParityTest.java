package org.boe4j.bert;

import org.boe4j.io.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the original TensorFlow graph of Google's M-BERT on the golden files
 * ({@code src/test/resources/golden/encoder}, see its README): sequence output at valid positions and pooled output
 * for every case, every layer's output at valid positions for public8, within 2e-4 absolute (two correct float32
 * implementations agree to ~3e-5; the erf-GELU mistake moves outputs by ~4e-2). public8 also runs trimmed to its
 * longest valid length (39 instead of 128): padding must not matter. Weights are loaded once for the class.
 */
class BertParityTest {

    static final double TOLERANCE = 2e-4;
    static BertWeights weights;
    static BertModel model;

    @BeforeAll
    static void load() throws IOException {
        weights = BertWeights.load(TestWeights.mbertDir());
        assertThat(weights.config().hiddenAct()).isEqualTo(HiddenAct.GELU_TANH);
        model = BertModel.load(weights.config(), weights.tensors());
    }

    @AfterAll
    static void free() {
        weights.close();
    }

    @Test
    void hello() {
        checkCase("hello", false, 0);
    }

    @Test
    void rand8() {
        checkCase("rand8", false, 0);
    }

    @Test
    void public8EveryLayer() {
        checkCase("public8", true, 0);
    }

    @Test
    void public8TrimmedToLongestValidLength() {
        checkCase("public8", true, 39);
    }

    /** Runs one golden case ({@code trimTo} > 0 keeps only the first trimTo positions) and checks its outputs. */
    private static void checkCase(String name, boolean everyLayer, int trimTo) {
        INDArray ids = golden(name, "input_ids.npy");
        INDArray mask = golden(name, "input_mask.npy");
        INDArray types = golden(name, "segment_ids.npy");
        if (trimTo > 0) {
            assertThat(mask.get(NDArrayIndex.all(), NDArrayIndex.interval(trimTo, mask.size(1))).sumNumber().intValue())
                    .as("positions beyond %d are padding", trimTo).isZero();
            ids = trim(ids, trimTo);
            mask = trim(mask, trimTo);
            types = trim(types, trimTo);
        }
        long start = System.nanoTime();
        BertEncoding out = model.forward(new BertInputs(ids, mask, types), everyLayer);
        double seconds = (System.nanoTime() - start) / 1e9;
        String label = name + (trimTo > 0 ? " (T=" + trimTo + ")" : " (T=" + ids.size(1) + ")");
        List<String> report = new ArrayList<>();
        double seq = maxAbsDiff(validRows(out.sequenceOutput(), mask), golden(name,
                everyLayer ? "layer_12.valid.npy" : "sequence_output.valid.npy"));
        double pooled = maxAbsDiff(out.pooledOutput(), golden(name, "pooled_output.npy"));
        report.add(String.format("sequence_output %.2e", seq));
        report.add(String.format("pooled_output %.2e", pooled));
        if (everyLayer) {
            List<String> names = model.layerOutputNames();
            for (int l = 0; l < names.size(); l++) {
                String file = l == 0 ? "layer_00_embeddings.valid.npy" : String.format("layer_%02d.valid.npy", l);
                double d = maxAbsDiff(validRows(out.layers().get(names.get(l)), mask), golden(name, file));
                report.add(String.format("%s %.2e", file.replace(".valid.npy", ""), d));
                assertThat(d).as("%s %s", label, file).isLessThanOrEqualTo(TOLERANCE);
            }
        }
        System.out.printf("parity %s, %s graph: forward %.2f s; %s%n", label, model.fused() ? "fused" : "plain", seconds,
                String.join(", ", report));
        assertThat(seq).as("%s sequence_output", label).isLessThanOrEqualTo(TOLERANCE);
        assertThat(pooled).as("%s pooled_output", label).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The rows of a [B, T, D] array where mask == 1, in batch-major then position order: [V, D]. */
    static INDArray validRows(INDArray x, INDArray mask) {
        int[][] m = mask.toIntMatrix();
        List<INDArray> rows = new ArrayList<>();
        for (int b = 0; b < m.length; b++) {
            for (int t = 0; t < m[b].length; t++) {
                if (m[b][t] == 1) {
                    rows.add(x.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.all()).reshape(1, x.size(2)));
                }
            }
        }
        return Nd4j.vstack(rows);
    }

    private static INDArray trim(INDArray a, int t) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t)).dup();
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static INDArray golden(String name, String file) {
        String path = "/golden/encoder/" + name + "/" + file;
        try (InputStream in = BertParityTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return Npy.read(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
