package org.boe4j.train;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.HiddenAct;
import org.boe4j.model.BoeModel;
import org.boe4j.model.ClassifierHead;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.EntityBatch;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code freezeWordEmbeddings}: the word-piece matrix gets no gradient and no AdamW moments and stays bit for bit
 * what it was, while every other parameter trains; without the option the same run moves it.
 */
class FrozenWordEmbeddingsTest {

    private static final BertConfig CONFIG = BertConfig.tiny(40, HiddenAct.GELU_TANH);
    private static final String WORD = TrainerConfig.WORD_EMBEDDINGS;

    @TempDir
    Path dir;

    private static BoeModel model() {
        Nd4j.getRandom().setSeed(1);
        BertModel encoder = BertModel.build(CONFIG, DataType.FLOAT, 3);
        return BoeModel.attach(encoder, new BoeModel.HeadConfig(ModelVariant.BOE, TaskType.SINGLE_LABEL,
                List.of("x", "y"), 4), Nd4j.randn(DataType.FLOAT, 5, CONFIG.hiddenSize()));
    }

    private static List<DocumentFeatures> docs() {
        return List.of(
                new DocumentFeatures(new int[]{1, 7, 9, 2}, List.of(new EntityBatch.Entity(2, 0.9f))),
                new DocumentFeatures(new int[]{1, 11, 2}, List.of()),
                new DocumentFeatures(new int[]{1, 13, 14, 15, 2}, List.of(new EntityBatch.Entity(3, 0.5f),
                        new EntityBatch.Entity(4, 0.2f))),
                new DocumentFeatures(new int[]{1, 17, 2}, List.of(new EntityBatch.Entity(1, 1f))));
    }

    private Trainer<?> trainer(BoeModel model, boolean freeze, String run) {
        FineTunedModel data = new FineTunedModel(model, docs(), List.of(new int[]{0}, new int[]{1}, new int[]{0},
                new int[]{1}));
        TrainerConfig config = TrainerConfig.defaults().withEpochs(2).withBatching(2, 1).withWarmupFraction(0)
                .withOptimizer(AdamWConfig.defaults().withLearningRate(1e-2)).withFrozenWordEmbeddings(freeze);
        return new Trainer<>(data, data, () -> new Evaluation(0.5, Map.of()), config, dir.resolve(run),
                TrainingProvenance.of("", "", Map.of(), Map.of(), 7), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void theFrozenMatrixStaysBitIdenticalAndHasNoOptimizerState() throws IOException {
        BoeModel model = model();
        Map<String, INDArray> before = copy(model.parameters());
        Trainer<?> trainer = trainer(model, true, "frozen");
        Trainer.Result result = trainer.train();
        assertThat(result.steps()).isEqualTo(4);

        Map<String, INDArray> after = model.parameters();
        assertThat(after.get(WORD).data().asFloat()).as("frozen word embeddings")
                .containsExactly(before.get(WORD).data().asFloat());
        // the best model (step 2: the constant metric never improves again) is restored: everything else moved
        for (String name : List.of("embeddings.position_embeddings.weight", "encoder.layer.0.attention.self.query.weight",
                BoeModel.ENTITY_TABLE, BoeModel.ATTENTION_WEIGHT, ClassifierHead.WEIGHT)) {
            assertThat(after.get(name).sub(before.get(name)).amaxNumber().doubleValue()).as(name).isGreaterThan(1e-4);
        }
        Checkpoint c = CheckpointStore.load(trainer.store().latest().orElseThrow());
        assertThat(c.firstMoments()).doesNotContainKey(WORD).containsKey("embeddings.position_embeddings.weight");
        assertThat(c.secondMoments()).doesNotContainKey(WORD);
        assertThat(c.weights()).doesNotContainKey(WORD).hasSize(model.parameters().size() - 1);
        assertThat(c.provenance().hyperParameters()).containsEntry("freezeWordEmbeddings", "true");
    }

    @Test
    void withoutTheOptionTheSameRunMovesTheMatrixAndKeepsItsMoments() throws IOException {
        BoeModel model = model();
        INDArray before = model.parameters().get(WORD).dup();
        Trainer<?> trainer = trainer(model, false, "trained");
        trainer.train();
        assertThat(model.parameters().get(WORD).sub(before).amaxNumber().doubleValue()).isGreaterThan(1e-4);
        Checkpoint c = CheckpointStore.load(trainer.store().latest().orElseThrow());
        assertThat(c.firstMoments()).containsKey(WORD);
        // absent means false: checkpoints of runs from before the option existed still resume
        assertThat(c.provenance().hyperParameters()).doesNotContainKey("freezeWordEmbeddings");
    }

    @Test
    void freezingAParameterTheModelDoesNotHaveIsAnError() {
        BoeModel head = BoeModel.onFeatures(CONFIG, model().head(), Nd4j.zeros(DataType.FLOAT, 5, CONFIG.hiddenSize()),
                DataType.FLOAT);
        HeadOnFeatures data = new HeadOnFeatures(head, Nd4j.zeros(DataType.FLOAT, 1, CONFIG.hiddenSize()),
                List.of(docs().get(0)), List.<int[]>of(new int[]{0}));
        assertThatThrownBy(() -> new Trainer<>(data, data, () -> new Evaluation(0, Map.of()),
                TrainerConfig.defaults().withFrozenWordEmbeddings(true), dir.resolve("head"),
                TrainingProvenance.of("", "", Map.of(), Map.of(), 1), System.err))
                .hasMessageContaining("cannot freeze " + WORD + ": the model has no such parameter");
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
