package org.boe4j.bert;

import org.boe4j.bert.fused.FusedKernels;
import org.boe4j.nn.Backprop;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused encoder (bert.fused kernels) against the plain op-by-op graph with the same weights: every activation
 * an audit can fetch by name, in inference, and the loss and every parameter gradient in training mode with the
 * same dropout masks, in float32 and in double. A small encoder with padding, token types and two layers;
 * initializer range 0.5 so that softmax, GELU and LayerNorm are far from linear.
 */
class FusedEncoderTest {

    static final BertConfig CONFIG = new BertConfig(50, 16, 2, 2, 32, HiddenAct.GELU_TANH, 0.1, 0.1, 16, 2, 0.5,
            1e-12, 0);
    static final int[][] IDS = {{1, 5, 7, 2, 0, 0}, {1, 9, 9, 3, 4, 2}, {1, 3, 2, 0, 0, 0}};
    static final int[][] MASK = {{1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}};
    static final int[][] TYPES = {{0, 0, 1, 1, 0, 0}, {0, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}};

    /** Every named activation of the plain graph that audits use, layer by layer. */
    static List<String> auditedNames(BertModel m) {
        List<String> names = new ArrayList<>(m.layerOutputNames());
        for (int l = 0; l < m.config().numHiddenLayers(); l++) {
            String p = BertParameters.layerPrefix(l);
            names.addAll(List.of(p + "attention.self.scores", p + "attention.self.probs", p + "attention.self.output",
                    p + "attention.output", p + "intermediate", p + "output.rows"));
        }
        names.addAll(List.of(BertEncoder.SEQUENCE_OUTPUT, BertPooler.POOLED_OUTPUT));
        return names;
    }

    @Test
    void theOptionChoosesTheGraph() {
        assertThat(BertModel.build(CONFIG, DataType.FLOAT, 7L, true).fused()).isEqualTo(FusedKernels.backendSupported());
        assertThat(BertModel.build(CONFIG, DataType.FLOAT, 7L, false).fused()).isFalse();
        assertThat(FusedKernels.enabled(true, DataType.HALF)).isFalse();
    }

    @Test
    void everyAuditedActivationMatchesThePlainGraph() {
        BertModel fused = BertModel.build(CONFIG, DataType.FLOAT, 7L, true);
        BertModel plain = BertModel.build(CONFIG, DataType.FLOAT, 7L, false);
        assertThat(fused.fused()).isTrue();
        BertInputs inputs = BertInputs.of(IDS, MASK, TYPES);
        String[] names = auditedNames(plain).toArray(String[]::new);
        Map<String, INDArray> a = fused.output(inputs, false, names);
        Map<String, INDArray> b = plain.output(inputs, false, names);
        double worst = 0;
        for (String name : names) {
            assertThat(a.get(name).shape()).as(name).isEqualTo(b.get(name).shape());
            double d = maxAbsDiff(a.get(name), b.get(name));
            assertThat(d).as(name).isLessThanOrEqualTo(2e-5);
            worst = Math.max(worst, d);
        }
        System.out.printf("fused vs plain, %d activations, float32: max abs diff %.2e%n", names.length, worst);
    }

    @Test
    void trainingGradientsMatchThePlainGraphInFloat() {
        compareGradients(DataType.FLOAT, 2e-4);
    }

    @Test
    void trainingGradientsMatchThePlainGraphInDouble() {
        compareGradients(DataType.DOUBLE, 1e-10);
    }

    /** Loss and every parameter gradient, training mode, same masks; tolerance relative to the gradient's scale. */
    private static void compareGradients(DataType type, double tolerance) {
        BertModel fused = BertModel.build(CONFIG, type, 7L, true);
        BertModel plain = BertModel.build(CONFIG, type, 7L, false);
        List<String> names = new ArrayList<>(BertParameters.expectedShapes(CONFIG).keySet());
        OutAndGrad a = step(fused, type);
        OutAndGrad b = step(plain, type);
        double la = a.getOutputs().get("loss").getDouble(0);
        double lb = b.getOutputs().get("loss").getDouble(0);
        assertThat(Math.abs(la - lb)).as("loss %s vs %s", la, lb).isLessThanOrEqualTo(tolerance * Math.abs(lb));
        double worst = 0;
        for (String name : names) {
            INDArray ga = a.getGradients().get(name);
            INDArray gb = b.getGradients().get(name);
            assertThat(ga).as(name).isNotNull();
            // the key biases' gradient is exactly 0 in exact arithmetic (softmax cancels q·b); in float32 both graphs
            // give rounding noise of ~1e-6 there, hence a floor on the scale
            double scale = Math.max(1e-2, gb.amaxNumber().doubleValue());
            double rel = maxAbsDiff(ga, gb) / scale;
            assertThat(rel).as("%s gradient (max %.3e)", name, scale).isLessThanOrEqualTo(tolerance);
            worst = Math.max(worst, rel);
        }
        System.out.printf("fused vs plain gradients, %s, %d parameters: worst relative diff %.2e%n", type,
                names.size(), worst);
    }

    private static OutAndGrad step(BertModel m, DataType type) {
        SameDiff sd = m.sameDiff();
        Nd4j.getRandom().setSeed(1);
        SDVariable r = sd.constant("R", Nd4j.rand(type, 3, 6, CONFIG.hiddenSize()).subi(0.5));
        m.sequenceOutput().mul(r).sum().add(m.pooledOutput().sum()).rename("loss");
        sd.setLossVariables("loss");
        Nd4j.getRandom().setSeed(2);
        Map<String, INDArray> feed = m.placeholders(BertInputs.of(IDS, MASK, TYPES), true);
        List<String> names = new ArrayList<>(BertParameters.expectedShapes(CONFIG).keySet());
        names.remove("embeddings.word_embeddings.weight");
        names.add(0, "embeddings.word_embeddings.weight");
        return Backprop.outputsAndGradients(sd, feed, List.of("loss"), names);
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
