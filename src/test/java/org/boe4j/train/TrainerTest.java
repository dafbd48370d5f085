package org.boe4j.train;

import com.google.gson.JsonObject;
import org.assertj.core.data.Offset;
import org.boe4j.nn.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
    private static final SoftmaxRegression.Data TRAIN = new SoftmaxRegression.Data(50, 4, 3, 1);
    private static final SoftmaxRegression.Batch DEV = new SoftmaxRegression.Data(30, 4, 3, 2).all();

    @TempDir
    Path tmp;

    /**
     * 50 examples, micro-batch 8, accumulation 2: 7 micro-batches and 4 optimizer steps per epoch, the last one
     * with a single micro-batch. Checkpoints every 3 steps and at epoch ends; evaluation every 3 steps and at
     * epoch ends; input dropout 0.2.
     */
    private static TrainerConfig config() {
        return TrainerConfig.defaults().withEpochs(4).withBatching(8, 2).withEvalAndCheckpointEvery(3, 3)
                .withPatience(100).withOptimizer(AdamWConfig.defaults().withLearningRate(0.05)).withSeed(7);
    }

    private Trainer<SoftmaxRegression.Batch> trainer(Path dir, SoftmaxRegression model, TrainerConfig c) {
        return new Trainer<>(model, TRAIN, () -> Evaluation.of(model.accuracy(DEV)), c, dir,
                TrainingProvenance.of("", "", Map.of("train", "synthetic-1"), Map.of("model", "softmax"), c.seed()), QUIET);
    }

    private static SoftmaxRegression model(long initSeed) {
        return new SoftmaxRegression(4, 3, 0.2, DataType.FLOAT, initSeed);
    }

    /**
     * Kill after step k (7: mid-epoch, resumes from step 6; 8: at an epoch-end checkpoint; 10: resumes from step 9
     * inside an accumulation run), throw the trainer and model away, resume in a fresh one whose model starts from
     * other weights: final weights bit for bit and the loss curve equal those of the uninterrupted run.
     */
    @ParameterizedTest
    @ValueSource(ints = {7, 8, 10})
    void resumeAfterKillReproducesTheUninterruptedRunExactly(int killAfter) throws IOException {
        SoftmaxRegression a = model(1);
        Trainer.Result ra = trainer(tmp.resolve("a"), a, config()).train();
        assertThat(ra.finished()).isTrue();
        assertThat(ra.steps()).isEqualTo(16);

        Trainer.Result killed = trainer(tmp.resolve("b"), model(1), config())
                .afterEachStep(step -> step < killAfter).train();
        assertThat(killed.finished()).isFalse();
        assertThat(killed.steps()).isEqualTo(killAfter);

        SoftmaxRegression b = model(99); // different initial weights: everything must come from the checkpoint
        Trainer.Result rb = trainer(tmp.resolve("b"), b, config()).resume();
        assertThat(rb.finished()).isTrue();
        assertThat(rb.steps()).isEqualTo(16);
        assertThat(rb.bestStep()).isEqualTo(ra.bestStep());
        assertThat(rb.bestMetric()).isEqualTo(ra.bestMetric());
        CheckpointStoreTest.assertBitEqual(b.parameters(), a.parameters());
        CheckpointStoreTest.assertBitEqual(CheckpointStore.load(tmp.resolve("b/checkpoints/step-000000016")).weights(),
                CheckpointStore.load(tmp.resolve("a/checkpoints/step-000000016")).weights());

        assertThat(curve(tmp.resolve("b"), "step")).hasSize(16).isEqualTo(curve(tmp.resolve("a"), "step"));
        assertThat(curve(tmp.resolve("b"), "eval")).isEqualTo(curve(tmp.resolve("a"), "eval"));
        assertThat(curve(tmp.resolve("b"), "epoch")).isEqualTo(curve(tmp.resolve("a"), "epoch"));
    }

    @Test
    void sameSeedSameLossCurveOtherSeedOtherCurve() throws IOException {
        trainer(tmp.resolve("a"), model(1), config().withEpochs(1)).train();
        trainer(tmp.resolve("b"), model(1), config().withEpochs(1)).train();
        trainer(tmp.resolve("c"), model(1), config().withEpochs(1).withSeed(8)).train();
        assertThat(curve(tmp.resolve("b"), "step")).isEqualTo(curve(tmp.resolve("a"), "step"));
        assertThat(curve(tmp.resolve("c"), "step")).isNotEqualTo(curve(tmp.resolve("a"), "step"));
    }

    @Test
    void trainingLearnsAndLogsEveryStep() throws IOException {
        SoftmaxRegression m = model(1);
        double before = m.accuracy(DEV);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainerConfig c = config();
        Trainer.Result r = new Trainer<>(m, TRAIN, () -> Evaluation.of(m.accuracy(DEV)), c, tmp,
                TrainingProvenance.of("", "", Map.of(), Map.of(), c.seed()), new PrintStream(console, true)).train();
        // the progress line's last draw: steps done, rate, time, and the step's loss, lr and throughput
        assertThat(console.toString()).contains("train 100.0% 16 steps/16 steps").contains("done in")
                .containsPattern("step 16/16 epoch 4/4 loss \\d\\.\\d{4} lr 3\\.57e-03 \\d+\\.\\d ex/s");
        List<JsonObject> log = TrainingLog.read(tmp.resolve("train.jsonl"));
        List<JsonObject> steps = log.stream().filter(o -> o.get("type").getAsString().equals("step")).toList();
        assertThat(steps).hasSize(16);
        assertThat(steps.get(0).get("lr").getAsDouble()).isEqualTo(0.0); // warm-up: ceil(0.1 * 16) = 2 steps
        assertThat(steps.get(1).get("lr").getAsDouble()).isEqualTo(0.025);
        assertThat(steps.get(2).get("lr").getAsDouble()).isEqualTo(0.05);
        assertThat(steps.get(3).get("examples").getAsInt()).isEqualTo(2); // 50 = 6 x 8 + 2: the epoch's last step
        assertThat(steps.get(0).get("examples").getAsInt()).isEqualTo(16);
        assertThat(steps).allSatisfy(o -> assertThat(o.has("examplesPerSecond") && o.has("gradNorm")).isTrue());
        assertThat(log.stream().filter(o -> o.get("type").getAsString().equals("epoch"))).hasSize(4);
        double firstLoss = steps.get(0).get("loss").getAsDouble();
        double lastLoss = steps.get(15).get("loss").getAsDouble();
        assertThat(lastLoss).isLessThan(firstLoss * 0.5);
        assertThat(r.bestMetric()).isGreaterThan(before).isGreaterThan(0.8);
        assertThat(m.accuracy(DEV)).as("best model restored").isEqualTo(r.bestMetric());
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestModel() throws IOException {
        SoftmaxRegression m = model(1);
        double[] script = {0.5, 0.7, 0.6, 0.7, 0.65, 0.9};
        List<Map<String, INDArray>> seen = new ArrayList<>();
        Evaluator scripted = () -> {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            m.parameters().forEach((k, v) -> copy.put(k, v.dup()));
            seen.add(copy);
            return Evaluation.of(script[seen.size() - 1]);
        };
        TrainerConfig c = config().withEvalAndCheckpointEvery(2, 0).withPatience(3);
        Trainer.Result r = new Trainer<>(m, TRAIN, scripted, c, tmp,
                TrainingProvenance.of("", "", Map.of(), Map.of(), 7), QUIET).train();
        // evaluations at steps 2, 4(epoch end), 6, 8(epoch end), 10: 0.7 at step 4 stays best (0.7 ties do not
        // improve), three evaluations without improvement -> stop at step 10 of 16
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.steps()).isEqualTo(10);
        assertThat(r.bestStep()).isEqualTo(4);
        assertThat(r.bestMetric()).isEqualTo(0.7);
        assertThat(seen).hasSize(5);
        CheckpointStoreTest.assertBitEqual(m.parameters(), seen.get(1));
        assertThat(CheckpointStore.load(new CheckpointStore(tmp, 2).latest().orElseThrow()).progress().finished()).isTrue();
    }

    @Test
    void gradientAccumulationEqualsOneLargerBatch() throws IOException {
        SoftmaxRegression.Data data48 = new SoftmaxRegression.Data(48, 4, 3, 1);
        TrainerConfig base = config().withEpochs(2).withEvalAndCheckpointEvery(0, 0);
        SoftmaxRegression big = new SoftmaxRegression(4, 3, 0.0, DataType.FLOAT, 1);
        SoftmaxRegression small = new SoftmaxRegression(4, 3, 0.0, DataType.FLOAT, 1);
        List<Double> bigMetrics = new ArrayList<>();
        List<Double> smallMetrics = new ArrayList<>();
        new Trainer<>(big, data48, () -> Evaluation.of(record(bigMetrics, big.loss(DEV))), base.withBatching(8, 1),
                tmp.resolve("big"), TrainingProvenance.of("", "", Map.of(), Map.of(), 7), QUIET).train();
        new Trainer<>(small, data48, () -> Evaluation.of(record(smallMetrics, small.loss(DEV))), base.withBatching(4, 2),
                tmp.resolve("small"), TrainingProvenance.of("", "", Map.of(), Map.of(), 7), QUIET).train();
        // same examples per step in the same order; only the float summation order differs
        assertThat(smallMetrics).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(smallMetrics.get(i)).isCloseTo(bigMetrics.get(i), Offset.offset(1e-5));
        }
        assertThat(curve(tmp.resolve("small"), "step")).hasSize(12);
        double[] wb = big.parameters().get(SoftmaxRegression.WEIGHT).dup().data().asDouble();
        double[] ws = small.parameters().get(SoftmaxRegression.WEIGHT).dup().data().asDouble();
        for (int i = 0; i < wb.length; i++) {
            assertThat(ws[i]).isCloseTo(wb[i], Offset.offset(1e-5));
        }
    }

    @Test
    void nonFiniteLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        SoftmaxRegression inner = model(1);
        int[] calls = {0};
        TrainableModel<SoftmaxRegression.Batch> exploding = new TrainableModel<>() {
            @Override
            public Map<String, INDArray> parameters() {
                return inner.parameters();
            }

            @Override
            public double trainStep(SoftmaxRegression.Batch b, GradientSums g) {
                double loss = inner.trainStep(b, g);
                return ++calls[0] == 12 ? Double.NaN : loss; // micro-batches per step 2,2,2,1: call 12 = step 7, first
            }
        };
        Trainer<SoftmaxRegression.Batch> t = new Trainer<>(exploding, TRAIN, () -> Evaluation.of(inner.accuracy(DEV)),
                config(), tmp, TrainingProvenance.of("", "", Map.of(), Map.of(), 7), QUIET);
        assertThatThrownBy(t::train).isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("loss is NaN at optimizer step 7 (epoch 2, micro-batch 5 of 7)")
                .hasMessageContaining("last good checkpoint: " + tmp.resolve("checkpoints/step-000000006"));
        CheckpointStore store = new CheckpointStore(tmp, 2);
        assertThat(store.latest()).contains(tmp.resolve("checkpoints/step-000000006"));
        assertThat(CheckpointStore.load(store.latest().orElseThrow()).progress().step()).isEqualTo(6);
        List<JsonObject> log = TrainingLog.read(tmp.resolve("train.jsonl"));
        assertThat(log.get(log.size() - 1).get("type").getAsString()).isEqualTo("error");
    }

    @Test
    void resumeRefusesOtherHyperParametersAndFreshRunRefusesUsedDirectory() throws IOException {
        trainer(tmp, model(1), config()).afterEachStep(s -> s < 3).train();
        TrainerConfig otherLr = config().withOptimizer(AdamWConfig.defaults().withLearningRate(0.01));
        assertThatThrownBy(() -> trainer(tmp, model(1), otherLr).resume()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("learningRate=0.05 -> 0.01");
        assertThatThrownBy(() -> trainer(tmp, model(1), config()).train()).hasMessageContaining("already holds checkpoints");
        assertThatThrownBy(() -> trainer(tmp.resolve("empty"), model(1), config()).resume())
                .hasMessageContaining("no checkpoint to resume from");
    }

    @Test
    void aCorruptNewestCheckpointIsRejectedWithAWayOut() throws IOException {
        trainer(tmp, model(1), config()).afterEachStep(s -> s < 6).train(); // checkpoints 3, 4, 6; keeps 4 and 6
        Path newest = tmp.resolve("checkpoints/step-000000006");
        Files.writeString(newest.resolve("model.safetensors"), "garbage");
        assertThatThrownBy(() -> trainer(tmp, model(1), config()).resume())
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("delete " + newest)
                .hasMessageContaining(tmp.resolve("checkpoints/step-000000004").toString());
        org.boe4j.io.AtomicFiles.deleteRecursively(newest);
        assertThat(trainer(tmp, model(1), config()).resume().finished()).isTrue();
    }

    @Test
    void lengthBucketingGroupsSimilarLengthsAndCoversEveryExampleOnce() {
        TrainingData<int[]> data = new TrainingData<>() {
            @Override
            public int size() {
                return 1000;
            }

            @Override
            public int[] batch(int[] idx) {
                return idx;
            }

            @Override
            public int length(int i) {
                return (i * 37) % 128;
            }
        };
        Seeds seeds = new Seeds(3);
        List<int[]> plain = MicroBatchPlan.forEpoch(data, seeds, 0, 16, false);
        List<int[]> bucketed = MicroBatchPlan.forEpoch(data, seeds, 0, 16, true);
        assertThat(bucketed).hasSize(plain.size()).hasSize(63);
        assertThat(bucketed.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                .isEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(padding(bucketed, data)).isLessThan(padding(plain, data) / 5);
        assertThat(Arrays.deepEquals(MicroBatchPlan.forEpoch(data, seeds, 0, 16, true).toArray(), bucketed.toArray())).isTrue();
    }

    /** The hand-derived gradients of the test model agree with finite differences (so the model is a fair test). */
    @Test
    void testModelGradientsMatchFiniteDifferences() {
        SoftmaxRegression m = new SoftmaxRegression(4, 3, 0.0, DataType.DOUBLE, 5);
        SoftmaxRegression.Data d = new SoftmaxRegression.Data(6, 4, 3, 9);
        SoftmaxRegression.Batch b = d.all();
        SoftmaxRegression.Batch bd = new SoftmaxRegression.Batch(b.x().castTo(DataType.DOUBLE), b.y().castTo(DataType.DOUBLE));
        GradientSums grads = new GradientSums(m.parameters().keySet());
        m.trainStep(bd, grads);
        Map<String, Double> err = GradientCheck.check(m.parameters(), grads.sums(), () -> m.loss(bd), 1e-6, 1e-8);
        assertThat(err).containsOnlyKeys(SoftmaxRegression.WEIGHT, SoftmaxRegression.BIAS);
        assertThat(err.values()).allSatisfy(e -> assertThat(e).isLessThan(1e-6));
    }

    private static double record(List<Double> list, double v) {
        list.add(v);
        return v;
    }

    private static long padding(List<int[]> batches, TrainingData<int[]> data) {
        long pad = 0;
        for (int[] b : batches) {
            int max = Arrays.stream(b).map(data::length).max().orElse(0);
            for (int i : b) {
                pad += max - data.length(i);
            }
        }
        return pad;
    }

    /** The log's records of one type without their wall-clock fields. */
    private static List<String> curve(Path runDir, String type) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonObject o : TrainingLog.read(runDir.resolve("train.jsonl"))) {
            if (o.get("type").getAsString().equals(type)) {
                o.remove("time");
                o.remove("examplesPerSecond");
                o.remove("seconds");
                out.add(o.toString());
            }
        }
        return out;
    }
}
