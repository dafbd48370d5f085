package org.boe4j.model;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.HiddenAct;
import org.boe4j.nn.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gradients of the whole model (encoder + bag-of-entities head + classifier and its loss) against central finite
 * differences in double precision, on a tiny configuration, for the attention variant and the mean (-att)
 * variant, with the single-label (softmax + cross-entropy) and the multi-label (sigmoid + BCE) heads.
 *
 * <p>As in {@code BertGradientTest}, each parameter's whole gradient g is checked along a random direction v:
 * {@code g·v} against {@code (L(w + hv) - L(w - hv)) / 2h}, h = 1e-5 (two forward passes per parameter; a smaller h
 * lets rounding noise, ~1e-16 |L| / h, reach 1e-6 of the smallest directional derivatives, ~1e-5). The batch
 * has a document with three entities (one repeated), one with a single entity and padding, and one without any
 * entity (z = 0), so the mask, the softmax over K and the gather's scatter-add backprop all take part. The loss is
 * the model's own {@code loss} output (the batch mean), with dropout sites fed 1.
 */
class BoeGradientTest {

    /** vocab 20, hidden 8, 1 layer, 2 heads, FFN 12, 16 positions; initializer range 0.5 for curvature. */
    private static final BertConfig CONFIG =
            new BertConfig(20, 8, 1, 2, 12, HiddenAct.GELU_TANH, 0.1, 0.1, 16, 2, 0.5, 1e-12, 0);
    private static final int ENTITIES = 7;
    private static final List<String> LABELS = List.of("a", "b", "c");
    private static final double H = 1e-5;

    /** gate: empty = no gate (eq. 4), else its initial value; commonness: the p(e|m) feature on or off. */
    @ParameterizedTest(name = "{0} {1} gate={2} commonness={3}")
    @CsvSource({"boe, SINGLE_LABEL, , true", "boe-att, SINGLE_LABEL, , true",
            "boe, MULTI_LABEL, , true", "boe-att, MULTI_LABEL, , true",
            "boe, SINGLE_LABEL, 0.3, true", "boe-att, SINGLE_LABEL, 0.3, true",
            "boe, SINGLE_LABEL, , false"})
    void wholeModelGradientsMatchFiniteDifferences(String variantName, TaskType task, Double gate,
                                                   boolean commonness) {
        ModelVariant variant = ModelVariant.fromCliName(variantName);
        Nd4j.getRandom().setSeed(3);
        BertModel encoder = BertModel.build(CONFIG, DataType.DOUBLE, 77L);
        INDArray table = Nd4j.randn(DataType.DOUBLE, ENTITIES, CONFIG.hiddenSize());
        BoeModel model = BoeModel.attach(encoder, new BoeModel.HeadConfig(variant, task, LABELS, 8,
                new BoeOptions(gate, commonness, 0)), table);
        // biases, LayerNorm parameters and W_a start at 0/1: move them so that their gradients are generic
        Random r = new Random(5);
        model.parameters().forEach((name, w) -> {
            if (name.endsWith(".bias") || name.contains("LayerNorm") || name.equals(BoeModel.ATTENTION_WEIGHT)) {
                for (long i = 0; i < w.length(); i++) {
                    w.putScalar(i, w.getDouble(i) + 0.5 * r.nextGaussian());
                }
            }
        });
        // the classifier is drawn with the config's std 0.5: scale it to 0.1, so that logits are of order 1 (larger
        // logits saturate the softmax, and the gradients through z vanish to ~1e-15)
        model.parameters().get(ClassifierHead.WEIGHT).muli(0.2);

        BertInputs inputs = BertInputs.of(new int[][]{{1, 5, 7, 2, 0}, {1, 9, 9, 3, 4}, {1, 6, 2, 0, 0}},
                new int[][]{{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}}, null);
        EntityBatch entities = EntityBatch.of(List.of(
                List.of(new EntityBatch.Entity(2, 0.9f), new EntityBatch.Entity(5, 0.3f), new EntityBatch.Entity(2, 0.6f)),
                List.of(new EntityBatch.Entity(6, 0.7f)),
                List.of()), 8, ENTITIES, DataType.DOUBLE);
        INDArray labels = task == TaskType.SINGLE_LABEL
                ? Nd4j.createFromArray(new double[][]{{0, 1, 0}, {0, 0, 1}, {1, 0, 0}})
                : Nd4j.createFromArray(new double[][]{{1, 1, 0}, {0, 0, 1}, {0, 1, 1}});
        Map<String, INDArray> feed = model.feed(inputs, entities, labels, false);

        BoeModel.LossAndGradients analytic = model.lossAndGradients(feed);
        List<String> names = model.trainableNames();
        assertThat(analytic.gradients()).containsOnlyKeys(names);
        Nd4j.getRandom().setSeed(11);
        double worst = 0;
        String worstAt = "";
        List<String> zero = new ArrayList<>();
        for (String name : names) {
            INDArray w = model.sameDiff().getVariable(name).getArr();
            INDArray g = analytic.gradients().get(name);
            INDArray v = Nd4j.rand(DataType.DOUBLE, w.shape()).subi(0.5);
            double a = g.mul(v).sumNumber().doubleValue();
            double n = GradientCheck.directionalDifference(w, v, H, () -> loss(model, feed));
            // rounding noise of the difference quotient is ~1e-10 here (|L| ~ 1, h = 1e-5)
            if (Math.max(Math.abs(a), Math.abs(n)) < 1e-7) {
                zero.add(name);
                continue;
            }
            double rel = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n));
            if (rel > worst) {
                worst = rel;
                worstAt = name + " (analytic " + a + ", numeric " + n + ")";
            }
        }
        System.out.printf("whole-model gradient check %s %s gate=%s commonness=%s: %d parameters, max relative"
                + " error %.3g at %s; zero gradient: %s%n", variantName, task, gate, commonness, names.size(),
                worst, worstAt, zero);
        assertThat(worst).isLessThan(1e-6);
        // the key bias cancels in the softmax over keys (exactly zero); nothing else may be zero
        assertThat(zero).allMatch(n -> n.endsWith("attention.self.key.bias"));
        assertThat(names).contains(BoeModel.ENTITY_TABLE, ClassifierHead.WEIGHT, "embeddings.word_embeddings.weight");
        assertThat(names.contains(BoeModel.ATTENTION_WEIGHT)).isEqualTo(variant.usesAttention());
        assertThat(names).doesNotContain("pooler.dense.weight"); // h is the [CLS] state: the pooler gets no gradient
        assertThat(names.contains(BoeModel.GATE)).isEqualTo(gate != null);
        if (variant.usesAttention()) {
            // commonness off: it is fed as 0, so W_a's second weight gets exactly zero gradient
            double gCommonness = analytic.gradients().get(BoeModel.ATTENTION_WEIGHT).getDouble(1);
            assertThat(gCommonness == 0).isEqualTo(!commonness);
        }
        // entity rows that no document holds get exactly zero gradient
        INDArray gTable = analytic.gradients().get(BoeModel.ENTITY_TABLE);
        for (int row = 0; row < ENTITIES; row++) {
            boolean used = row == 2 || row == 5 || row == 6;
            assertThat(gTable.getRow(row).amaxNumber().doubleValue() > 0).as("row %d", row).isEqualTo(used);
        }
    }

    private static double loss(BoeModel model, Map<String, INDArray> feed) {
        return model.output(feed, ClassifierHead.LOSS).get(ClassifierHead.LOSS).getDouble(0);
    }
}
