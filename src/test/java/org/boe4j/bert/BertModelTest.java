package org.boe4j.bert;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tiny-config encoder tests (seconds): shapes, names, masking, determinism, dynamic shapes, dropout, validation. */
class BertModelTest {

    static final BertConfig CONFIG = BertConfig.tiny(50, HiddenAct.GELU_TANH);
    static BertModel model;

    @BeforeAll
    static void build() {
        model = BertModel.build(CONFIG);
    }

    static int[][] ids(int b, int t, int seed) {
        Random r = new Random(seed);
        int[][] a = new int[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                a[i][j] = 1 + r.nextInt(CONFIG.vocabSize() - 1);
            }
        }
        return a;
    }

    @Test
    void everyParameterIsAVariableNamedByItsHuggingFaceKey() {
        Map<String, long[]> expected = BertParameters.expectedShapes(CONFIG);
        assertThat(model.sameDiff().variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .map(v -> v.name())).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(model.sameDiff().getVariable(name).getArr().shape()).isEqualTo(shape));
        assertThat(model.layerOutputNames()).containsExactly("embeddings.output", "encoder.layer.0.output", "encoder.layer.1.output");
    }

    @Test
    void shapesOfEveryOutput() {
        BertEncoding e = model.forward(BertInputs.of(ids(3, 7, 1), null, null), true);
        assertThat(e.sequenceOutput().shape()).containsExactly(3, 7, 32);
        assertThat(e.pooledOutput().shape()).containsExactly(3, 32);
        assertThat(e.cls().shape()).containsExactly(3, 32);
        assertThat(e.layers()).containsOnlyKeys(model.layerOutputNames());
        e.layers().values().forEach(a -> assertThat(a.shape()).containsExactly(3, 7, 32));
        // the last layer's output is the sequence output
        assertThat(e.layers().get("encoder.layer.1.output")).isEqualTo(e.sequenceOutput());
        // the pooler is tanh(dense(h[:, 0, :])), computed here independently with ND4J
        INDArray w = model.sameDiff().getVariable("pooler.dense.weight").getArr();
        INDArray b = model.sameDiff().getVariable("pooler.dense.bias").getArr();
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.tanh(e.cls().mmul(w.transpose()).addRowVector(b));
        assertThat(maxAbsDiff(expected, e.pooledOutput())).isLessThan(1e-6);
    }

    @Test
    void anyBatchSizeAndLengthWithoutRebuilding() {
        for (int[] bt : new int[][]{{1, 1}, {2, 64}, {5, 13}, {1, 2}}) {
            BertEncoding e = model.forward(BertInputs.of(ids(bt[0], bt[1], bt[1]), null, null));
            assertThat(e.sequenceOutput().shape()).containsExactly(bt[0], bt[1], 32);
        }
        assertThatThrownBy(() -> model.forward(BertInputs.of(ids(1, 65, 0), null, null)))
                .hasMessageContaining("sequence length 65 exceeds max_position_embeddings 64");
    }

    @Test
    void paddingDoesNotChangeValidPositions() {
        int[] sentence = ids(1, 6, 7)[0];
        BertEncoding alone = model.forward(new int[][]{sentence}, null, null);
        // the same sentence as row 1 of a batch padded to 11, next to a full-length row
        int[][] batch = new int[3][11];
        int[][] mask = new int[3][11];
        batch[0] = ids(1, 11, 8)[0];
        Arrays.fill(mask[0], 1);
        System.arraycopy(sentence, 0, batch[1], 0, 6);
        Arrays.fill(mask[1], 0, 6, 1);
        batch[2] = ids(1, 11, 9)[0];
        Arrays.fill(mask[2], 0, 3, 1);
        BertEncoding padded = model.forward(batch, mask, null);
        INDArray validRows = padded.sequenceOutput().get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 6), NDArrayIndex.all());
        double seqDiff = maxAbsDiff(alone.sequenceOutput().get(NDArrayIndex.point(0)), validRows);
        double poolDiff = maxAbsDiff(alone.pooledOutput().getRow(0), padded.pooledOutput().getRow(1));
        System.out.printf("padding: max |diff| sequence %.3g, pooled %.3g%n", seqDiff, poolDiff);
        assertThat(seqDiff).isLessThanOrEqualTo(1e-5);
        assertThat(poolDiff).isLessThanOrEqualTo(1e-5);
        // and the mask is really used: unmasked padding does change the valid positions
        int[][] noMask = new int[3][11];
        for (int[] row : noMask) {
            Arrays.fill(row, 1);
        }
        INDArray unmasked = model.forward(batch, noMask, null).sequenceOutput()
                .get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 6), NDArrayIndex.all());
        assertThat(maxAbsDiff(unmasked, validRows)).isGreaterThan(1e-3);
    }

    @Test
    void inferenceIsBitIdenticalAcrossRuns() {
        BertInputs in = BertInputs.of(ids(4, 9, 3), null, null);
        BertEncoding a = model.forward(in, true);
        BertEncoding b = model.forward(in, true);
        assertThat(a.sequenceOutput()).isEqualTo(b.sequenceOutput());
        assertThat(a.pooledOutput()).isEqualTo(b.pooledOutput());
        assertThat(a.layers()).isEqualTo(b.layers());
    }

    @Test
    void tokenTypesChangeTheOutput() {
        int[][] x = ids(1, 5, 4);
        int[][] types = {{0, 0, 1, 1, 1}};
        BertEncoding zero = model.forward(x, null, null);
        BertEncoding one = model.forward(x, null, types);
        assertThat(maxAbsDiff(zero.sequenceOutput(), one.sequenceOutput())).isGreaterThan(1e-3);
    }

    @Test
    void dropoutOnlyInTraining() {
        BertInputs in = BertInputs.of(ids(2, 16, 5), null, null);
        // inference with dropout ops present is bit-identical to a graph built without any dropout op
        BertModel plain = BertModel.load(CONFIG.withoutDropout(), model.weights());
        assertThat(model.forward(in).sequenceOutput()).isEqualTo(plain.forward(in).sequenceOutput());

        INDArray normed = model.output(in, false, "embeddings.LayerNorm.output").get("embeddings.LayerNorm.output").reshape(2, 16, 32);
        INDArray train1 = model.output(in, true, "embeddings.output").get("embeddings.output");
        INDArray train2 = model.output(in, true, "embeddings.output").get("embeddings.output");
        assertThat(train1).isNotEqualTo(train2);
        Nd4j.getRandom().setSeed(7);
        INDArray seeded1 = model.output(in, true, "sequence_output").get("sequence_output");
        Nd4j.getRandom().setSeed(7);
        INDArray seeded2 = model.output(in, true, "sequence_output").get("sequence_output");
        assertThat(seeded1).isEqualTo(seeded2);
        assertThat(model.dropoutSites()).hasSize(1 + 3 * CONFIG.numHiddenLayers());
        // each element is dropped (0) or scaled by 1/(1 - 0.1); about 10% are dropped
        long n = normed.length();
        int dropped = 0;
        for (long i = 0; i < n; i++) {
            double v = normed.getDouble(i);
            double t = train1.getDouble(i);
            if (t == 0) {
                dropped++;
            } else {
                assertThat(t).isCloseTo(v / 0.9, Assertions.within(1e-5));
            }
        }
        double rate = dropped / (double) n;
        System.out.printf("dropout: %d of %d embedding outputs dropped (%.3f)%n", dropped, n, rate);
        assertThat(rate).isBetween(0.06, 0.14);
    }

    @Test
    void invalidInputsAreRejectedBeforeTheGraph() {
        assertThatThrownBy(() -> model.forward(new int[][]{{1, 3, 50}}, null, null))
                .hasMessageContaining("input_ids[0][2] = 50")
                .hasMessageContaining("vocab_size 50");
        assertThatThrownBy(() -> model.forward(new int[][]{{1, 2}, {3, -1}}, null, null))
                .hasMessageContaining("input_ids[1][1] = -1");
        assertThatThrownBy(() -> model.forward(new int[][]{{1, 2}}, null, new int[][]{{0, 2}}))
                .hasMessageContaining("token_type_ids[0][1] = 2").hasMessageContaining("type_vocab_size 2");
        assertThatThrownBy(() -> model.forward(new int[][]{{1, 2}}, new int[][]{{1, 3}}, null))
                .hasMessageContaining("attention_mask[0][1] = 3");
        assertThatThrownBy(() -> model.forward(new int[][]{{1, 2}, {3}}, null, null))
                .hasMessageContaining("row 1 has length 1, expected 2");
        INDArray floats = Nd4j.ones(DataType.FLOAT, 1, 3);
        assertThatThrownBy(() -> new BertInputs(floats, floats, floats)).hasMessageContaining("must be an integer array");
        // int64 input is accepted and converted
        INDArray longs = Nd4j.createFromArray(new long[][]{{1, 2, 3}});
        INDArray ints = Nd4j.createFromArray(new int[][]{{1, 2, 3}});
        assertThat(model.forward(new BertInputs(longs, longs.mul(0).add(1), longs.mul(0))).sequenceOutput())
                .isEqualTo(model.forward(new BertInputs(ints, ints.mul(0).add(1), ints.mul(0))).sequenceOutput());
    }

    @Test
    void loadRejectsMissingExtraAndMisshapenWeights() {
        Map<String, INDArray> w = new LinkedHashMap<>(model.weights());
        w.remove("pooler.dense.bias");
        w.put("encoder.layer.0.output.dense.weight", Nd4j.zeros(DataType.FLOAT, 64, 32));
        w.put("cls.predictions.bias", Nd4j.zeros(DataType.FLOAT, 50));
        assertThatThrownBy(() -> BertModel.load(CONFIG, w))
                .hasMessageContaining("missing pooler.dense.bias")
                .hasMessageContaining("encoder.layer.0.output.dense.weight: expected shape [32, 64], found [64, 32]")
                .hasMessageContaining("unexpected cls.predictions.bias");
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
