package org.boe4j.bert;

import org.boe4j.nn.Backprop;
import org.boe4j.nn.GradientCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole encoder is differentiable: a tiny double-precision graph with the three embedding lookups (word,
 * position, token type), attention, FFN, LayerNorms and pooler computes a gradient for every parameter, and
 * the gradients match central finite differences.
 *
 * <p>Loss: {@code L = Σ sequence_output · R1 + Σ pooled_output · R2} with fixed random R1, R2 (a plain sum
 * would give LayerNorm outputs a zero gradient). Each parameter's whole gradient is checked along a random
 * direction v: {@code g·v} against {@code (L(w + hv) − L(w − hv)) / 2h}, h = 1e-6 (two passes per parameter, so the
 * test stays fast); embedding rows that no input looks up must get exactly zero.
 */
class BertGradientTest {

    static final BertConfig CONFIG = new BertConfig(20, 8, 1, 2, 12, HiddenAct.GELU_TANH, 0.1, 0.1, 16, 2, 0.02, 1e-12, 0);
    static final int[][] IDS = {{1, 5, 7, 2, 0}, {1, 9, 9, 3, 4}};
    static final int[][] MASK = {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}};
    static final int[][] TYPES = {{0, 0, 1, 1, 0}, {0, 1, 1, 1, 1}};
    static final double H = 1e-6;

    static BertModel model;
    static Map<String, INDArray> feed;

    @BeforeAll
    static void build() {
        // initializer_range 0.02 makes a near-linear network; 0.5 exercises GELU, softmax and tanh curvature
        BertConfig c = new BertConfig(CONFIG.vocabSize(), CONFIG.hiddenSize(), CONFIG.numHiddenLayers(),
                CONFIG.numAttentionHeads(), CONFIG.intermediateSize(), CONFIG.hiddenAct(), 0.1, 0.1,
                CONFIG.maxPositionEmbeddings(), CONFIG.typeVocabSize(), 0.5, CONFIG.layerNormEps(), 0);
        model = BertModel.build(c, DataType.DOUBLE, 1234L);
        // LayerNorm gammas/betas and biases are 1/0 at init: perturb them so that their gradients are generic
        Random r = new Random(99);
        model.weights().forEach((name, w) -> {
            if (name.endsWith(".bias") || name.contains("LayerNorm")) {
                for (long i = 0; i < w.length(); i++) {
                    w.putScalar(i, w.getDouble(i) + 0.3 * r.nextGaussian());
                }
            }
        });
        SameDiff sd = model.sameDiff();
        Nd4j.getRandom().setSeed(5);
        SDVariable r1 = sd.constant("R1", Nd4j.rand(DataType.DOUBLE, 2, 5, CONFIG.hiddenSize()).subi(0.5));
        SDVariable r2 = sd.constant("R2", Nd4j.rand(DataType.DOUBLE, 2, CONFIG.hiddenSize()).subi(0.5));
        SDVariable loss = model.sequenceOutput().mul(r1).sum().add(model.pooledOutput().mul(r2).sum());
        loss.rename("loss");
        sd.setLossVariables("loss");
        // dropout sites present but fed with 1 (inference masks): the gradient must flow through them
        feed = model.placeholders(BertInputs.of(IDS, MASK, TYPES), false);
    }

    @Test
    void everyParameterGetsAGradientThatMatchesFiniteDifferences() {
        List<String> names = new ArrayList<>(BertParameters.expectedShapes(model.config()).keySet());
        Map<String, INDArray> grads = Backprop.gradients(model.sameDiff(), feed, names);
        assertThat(grads).containsOnlyKeys(names);
        double worst = 0;
        String worstAt = "";
        List<String> structurallyZero = new ArrayList<>();
        Nd4j.getRandom().setSeed(11);
        for (String name : names) {
            INDArray w = model.sameDiff().getVariable(name).getArr();
            INDArray g = grads.get(name);
            assertThat(g.shape()).as(name).isEqualTo(w.shape());
            // directional derivative along a random direction v: g·v against (L(w + hv) − L(w − hv)) / 2h
            INDArray v = Nd4j.rand(DataType.DOUBLE, w.shape()).subi(0.5);
            double analytic = g.mul(v).sumNumber().doubleValue();
            double numeric = GradientCheck.directionalDifference(w, v, H, BertGradientTest::loss);
            double diff = Math.abs(analytic - numeric);
            if (Math.max(Math.abs(analytic), Math.abs(numeric)) < 1e-8) {
                structurallyZero.add(name); // e.g. key biases: the softmax over keys cancels them exactly
                continue;
            }
            double rel = diff / Math.max(Math.abs(analytic), Math.abs(numeric));
            if (rel > worst) {
                worst = rel;
                worstAt = name + " (analytic " + analytic + ", numeric " + numeric + ")";
            }
        }
        System.out.printf("gradient check: %d parameters, max relative error %.3g at %s; zero gradient: %s%n",
                names.size(), worst, worstAt, structurallyZero);
        assertThat(worst).isLessThan(1e-6);
        assertThat(structurallyZero).allMatch(n -> n.endsWith("attention.self.key.bias"));
        // rows that no input looks up get exactly zero gradient; looked-up rows do not
        INDArray word = grads.get("embeddings.word_embeddings.weight");
        assertThat(word.getRow(10).amaxNumber().doubleValue()).isZero();
        assertThat(word.getRow(9).amaxNumber().doubleValue()).isGreaterThan(0);
        INDArray pos = grads.get("embeddings.position_embeddings.weight");
        assertThat(pos.getRow(5).amaxNumber().doubleValue()).isZero();
        assertThat(pos.getRow(4).amaxNumber().doubleValue()).isGreaterThan(0);
        INDArray types = grads.get("embeddings.token_type_embeddings.weight");
        assertThat(types.getRow(0).amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(types.getRow(1).amaxNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void trainingModeGradientsAreFinite() {
        Map<String, INDArray> train = model.placeholders(BertInputs.of(IDS, MASK, TYPES), true);
        Map<String, INDArray> grads = Backprop.gradients(model.sameDiff(), train, List.of(
                "embeddings.word_embeddings.weight", "encoder.layer.0.attention.self.query.weight",
                "pooler.dense.weight"));
        grads.values().forEach(g -> {
            assertThat(g.isNaN().any()).isFalse();
            assertThat(g.amaxNumber().doubleValue()).isGreaterThan(0);
        });
        model.closeMasks(train);
    }

    private static double loss() {
        return model.sameDiff().output(feed, "loss").get("loss").getDouble(0);
    }
}
