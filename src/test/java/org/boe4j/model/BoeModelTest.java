package org.boe4j.model;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.HiddenAct;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The assembled model on a tiny configuration (seconds): shapes, z = 0 without entities, gradients everywhere. */
class BoeModelTest {

    private static final BertConfig CONFIG = BertConfig.tiny(50, HiddenAct.GELU_TANH);
    private static final List<String> LABELS = List.of("a", "b", "c");
    private static final int ENTITIES = 6;

    private static BoeModel model(ModelVariant variant) {
        Nd4j.getRandom().setSeed(1);
        BertModel encoder = BertModel.build(CONFIG, DataType.DOUBLE, 3);
        INDArray table = Nd4j.randn(DataType.DOUBLE, ENTITIES, CONFIG.hiddenSize());
        return BoeModel.attach(encoder, new BoeModel.HeadConfig(variant, TaskType.SINGLE_LABEL, LABELS, 8), table);
    }

    private static BertInputs inputs() {
        return BertInputs.of(new int[][]{{1, 7, 9, 2}, {1, 11, 2, 0}}, new int[][]{{1, 1, 1, 1}, {1, 1, 1, 0}}, null);
    }

    /** Document 0 mentions entities 2, 3 and 5; document 1 mentions none. */
    private static EntityBatch entities() {
        return EntityBatch.of(List.of(
                List.of(new EntityBatch.Entity(2, 0.9f), new EntityBatch.Entity(3, 0.1f), new EntityBatch.Entity(5, 0.5f)),
                List.of()), 8, ENTITIES, DataType.DOUBLE);
    }

    @Test
    void aDocumentWithoutEntitiesSeesOnlyItsClsState() {
        BoeModel m = model(ModelVariant.BOE);
        Map<String, INDArray> out = m.output(inputs(), entities(), BoeModel.FEATURES, "sequence_output",
                ClassifierHead.PROBABILITIES);
        INDArray h = out.get("sequence_output").get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray features = out.get(BoeModel.FEATURES);
        assertThat(features.getRow(1).sub(h.getRow(1)).amaxNumber().doubleValue()).isEqualTo(0.0);
        assertThat(features.getRow(0).sub(h.getRow(0)).amaxNumber().doubleValue()).isGreaterThan(1e-3);
        INDArray p = out.get(ClassifierHead.PROBABILITIES);
        assertThat(p.shape()).containsExactly(2, 3);
        assertThat(p.sum(1).toDoubleVector()).containsExactly(new double[]{1, 1}, within(1e-12));
    }

    @Test
    void everyTrainableVariableGetsAGradientAndOnlyUsedEntityRowsMove() {
        for (ModelVariant variant : ModelVariant.values()) {
            BoeModel m = model(variant);
            INDArray labels = Nd4j.createFromArray(new double[][]{{0, 1, 0}, {1, 0, 0}});
            BoeModel.LossAndGradients result = m.lossAndGradients(inputs(), entities(), labels);
            assertThat(result.loss()).as(variant.cliName()).isGreaterThan(0).isLessThan(10);
            Map<String, INDArray> params = m.parameters();
            assertThat(result.gradients().keySet()).as(variant.cliName()).containsExactlyInAnyOrderElementsOf(params.keySet());
            for (var e : params.entrySet()) {
                assertThat(result.gradients().get(e.getKey()).shape()).as(e.getKey()).containsExactly(e.getValue().shape());
            }
            if (variant.usesEntities()) {
                INDArray g = result.gradients().get(BoeModel.ENTITY_TABLE);
                for (int row = 0; row < ENTITIES; row++) {
                    double norm = g.getRow(row).norm2Number().doubleValue();
                    boolean used = row == 2 || row == 3 || row == 5;
                    assertThat(norm > 0).as("%s: entity row %d moves", variant.cliName(), row).isEqualTo(used);
                }
            }
        }
    }

    @Test
    void entityIdsOutsideTheTableAreRejectedBeforeTheNativeGather() {
        assertThatThrownBy(() -> EntityBatch.of(List.of(List.of(new EntityBatch.Entity(ENTITIES, 1f))), 8, ENTITIES,
                DataType.DOUBLE)).hasMessageContaining("id 6 outside the entity table [1, 6)");
    }

    @Test
    void aHeadTrainedOnPrecomputedFeaturesDropsIntoTheFullModel() {
        BoeModel full = model(ModelVariant.BOE);
        INDArray h = full.output(inputs(), entities(), "sequence_output").get("sequence_output")
                .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup();
        BoeModel head = BoeModel.onFeatures(CONFIG, full.head(), Nd4j.zeros(DataType.DOUBLE, ENTITIES,
                CONFIG.hiddenSize()), DataType.DOUBLE);
        assertThat(head.trainableNames()).containsExactly(BoeModel.ENTITY_TABLE, BoeModel.ATTENTION_WEIGHT,
                ClassifierHead.WEIGHT, ClassifierHead.BIAS);
        for (String name : head.trainableNames()) {
            head.parameters().get(name).assign(full.parameters().get(name));
        }
        INDArray expected = full.probabilities(inputs(), entities());
        INDArray actual = head.output(head.feedFeatures(h, entities(), null), ClassifierHead.PROBABILITIES)
                .get(ClassifierHead.PROBABILITIES);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    /** Regression: the baseline's features are the placeholder h itself, which must keep its name. */
    @Test
    void aBaselineHeadOnPrecomputedFeaturesTrainsAndMatchesTheFullModel() {
        BoeModel full = model(ModelVariant.BASELINE);
        INDArray h = full.output(inputs(), null, "sequence_output").get("sequence_output")
                .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup();
        BoeModel head = BoeModel.onFeatures(CONFIG, full.head(), null, DataType.DOUBLE);
        assertThat(head.trainableNames()).containsExactly(ClassifierHead.WEIGHT, ClassifierHead.BIAS);
        for (String name : head.trainableNames()) {
            head.parameters().get(name).assign(full.parameters().get(name));
        }
        INDArray expected = full.probabilities(inputs(), null);
        INDArray actual = head.output(head.feedFeatures(h, null, null), ClassifierHead.PROBABILITIES)
                .get(ClassifierHead.PROBABILITIES);
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, h.size(0), full.head().labels().size());
        labels.putScalar(0, 0, 1.0);
        labels.putScalar(1, 1, 1.0);
        BoeModel.LossAndGradients lg = head.lossAndGradients(head.feedFeatures(h, null, labels));
        assertThat(lg.loss()).isPositive();
        assertThat(lg.gradients()).containsKeys(ClassifierHead.WEIGHT, ClassifierHead.BIAS);
    }
}
