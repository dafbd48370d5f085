package org.boe4j.train;

import org.boe4j.bert.BertParameters;
import org.boe4j.io.Progress;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The training loop: seeded shuffling into micro-batches, gradient accumulation, AdamW with warm-up/decay,
 * evaluation on dev every epoch (and every N steps if asked), early stopping with the best model restored at the
 * end, a checkpoint every epoch (and every N steps if asked), a JSON-lines log and a console progress line.
 *
 * <p>Gradient accumulation: the gradients of the micro-batches of one step are summed (the model adds into one
 * buffer) and divided by their number, so a step follows the mean of the micro-batch mean losses, as in HF's
 * Trainer. The last step of an epoch may have fewer micro-batches and is divided by its own count.
 *
 * <p>Exact resume: everything the next step depends on is either in the checkpoint (weights, moments, optimizer
 * step, epoch and position in it, early-stopping state, ND4J RNG state) or a function of the master seed and those
 * counters (epoch order, dropout seeds). {@link #resume()} refuses a checkpoint written under other
 * hyper-parameters, seed, data or knowledge base. A resumed run therefore reaches the uninterrupted run's final
 * weights bit for bit (tested), provided the model's own computation is deterministic.
 *
 * @param <B> the micro-batch type
 */
public final class Trainer<B> {

    /** Called after every optimizer step (after its evaluation and checkpoint); false stops the run there. */
    @FunctionalInterface
    public interface StepHook {
        boolean shouldContinue(long step);
    }

    /**
     * How the run ended.
     *
     * @param finished     false if a {@link StepHook} stopped it (it can be resumed)
     * @param stoppedEarly true if early stopping ended it before the last epoch
     */
    public record Result(long steps, boolean finished, boolean stoppedEarly, Double bestMetric, long bestStep,
                         Path lastCheckpoint) {
    }

    private final TrainableModel<B> model;
    private final TrainingData<B> data;
    private final Evaluator evaluator;
    private final TrainerConfig config;
    private final CheckpointStore store;
    private TrainingProvenance provenance;
    private final PrintStream console;
    private final Seeds seeds;
    private final Map<String, INDArray> parameters;
    private final long stepsPerEpoch;
    private final long totalSteps;
    private Predicate<String> decayRule = BertParameters::isDecayed;
    private StepHook hook = step -> true;
    private AdamW optimizer;
    private EarlyStopping earlyStopping;
    private Path lastCheckpoint;

    /**
     * @param runDir     where checkpoints, the best model and {@code train.jsonl} go
     * @param provenance where the model, data and KB came from; the trainer adds its hyper-parameters
     * @param console    progress output (System.err in the CLI)
     */
    public Trainer(TrainableModel<B> model, TrainingData<B> data, Evaluator evaluator, TrainerConfig config,
                   Path runDir, TrainingProvenance provenance, PrintStream console) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        this.model = model;
        this.data = data;
        this.evaluator = evaluator;
        this.config = config;
        this.store = new CheckpointStore(runDir, config.keepCheckpoints());
        Map<String, String> hyper = new TreeMap<>(provenance.hyperParameters());
        hyper.putAll(config.hyperParameters());
        this.provenance = new TrainingProvenance(provenance.codeVersion(), provenance.initialWeightsSha256(),
                provenance.kbSha256(), provenance.dataSha256(), hyper, config.seed(), provenance.startedUtc());
        this.console = console;
        this.seeds = new Seeds(config.seed());
        this.parameters = trainedParameters(model.parameters(), config.frozenParameters());
        this.stepsPerEpoch = config.stepsPerEpoch(data.size());
        this.totalSteps = config.totalSteps(data.size());
    }

    /**
     * The model's parameters without the frozen ones: only these get a gradient buffer, AdamW moments, and a place in
     * checkpoints and {@code best/} (a frozen tensor keeps its initial value, which the provenance's
     * initialWeightsSha256 identifies).
     */
    private static Map<String, INDArray> trainedParameters(Map<String, INDArray> all, Set<String> frozen) {
        for (String name : frozen) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("cannot freeze " + name + ": the model has no such parameter"
                        + " (it has " + all.size() + " parameters, e.g. " + all.keySet().iterator().next() + ")");
            }
        }
        Map<String, INDArray> trained = new LinkedHashMap<>(all);
        trained.keySet().removeAll(frozen);
        return Collections.unmodifiableMap(trained);
    }

    /** Which parameters get weight decay (default: {@link BertParameters#isDecayed}). */
    public Trainer<B> decayRule(Predicate<String> rule) {
        this.decayRule = rule;
        return this;
    }

    public Trainer<B> afterEachStep(StepHook h) {
        this.hook = h;
        return this;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public CheckpointStore store() {
        return store;
    }

    /** Starts a new run; refuses a run directory that already holds checkpoints (use {@link #resume()}). */
    public Result train() throws IOException {
        if (!store.list().isEmpty()) {
            throw new IllegalStateException(store.runDir() + " already holds checkpoints of a run;"
                    + " resume it (--resume) or choose another directory");
        }
        init();
        TrainingLog log = TrainingLog.create(store.runDir().resolve(TrainingLog.FILE_NAME));
        log.event("start", 0, Map.of("totalSteps", totalSteps, "provenance", provenance));
        return loop(log, new TrainingProgress(0, 0, 0, 0, 0, false,
                new TrainingProgress.RngState(config.seed(), 0, 0), EarlyStopping.State.initial()));
    }

    /** Continues from the newest checkpoint of the run directory. */
    public Result resume() throws IOException {
        Path dir = store.latest().orElseThrow(() -> new NoSuchFileException(store.checkpointsDir().toString(), null,
                "no checkpoint to resume from"));
        Checkpoint c;
        try {
            c = CheckpointStore.load(dir);
        } catch (CorruptCheckpointException e) {
            List<Path> all = store.list();
            throw new CorruptCheckpointException(e.getMessage() + ". The newest checkpoint cannot be used; delete "
                    + dir + " to resume from an older one" + (all.size() > 1 ? " (" + all.get(all.size() - 2) + ")" : "")
                    + ", or start a new run", e);
        }
        checkSameRun(dir, c.provenance());
        // keep the run's original provenance (start time); note a code change in its version field
        TrainingProvenance saved = c.provenance();
        String code = saved.codeVersion().equals(provenance.codeVersion()) ? saved.codeVersion()
                : saved.codeVersion() + "; resumed at step " + c.progress().step() + " with " + provenance.codeVersion();
        provenance = new TrainingProvenance(code, saved.initialWeightsSha256(), saved.kbSha256(), saved.dataSha256(),
                saved.hyperParameters(), saved.seed(), saved.startedUtc());
        init();
        restoreWeights(c.weights(), dir);
        optimizer.restore(c.progress().step(), c.firstMoments(), c.secondMoments());
        earlyStopping.restore(c.progress().earlyStopping());
        new Seeds.Nd4jRngState(c.progress().rng().nd4jRootState(), c.progress().rng().nd4jNodeState()).restore();
        lastCheckpoint = dir;
        TrainingLog log = TrainingLog.resume(store.runDir().resolve(TrainingLog.FILE_NAME), c.progress().step());
        log.event("resume", c.progress().step(), Map.of("checkpoint", dir.toString(), "codeVersion", provenance.codeVersion()));
        return loop(log, c.progress());
    }

    private void init() {
        LearningRateSchedule schedule = LearningRateSchedule.linearWithWarmupFraction(config.warmupFraction(), totalSteps);
        optimizer = new AdamW(parameters, config.optimizer(), schedule, decayRule, config::learningRateScale);
        earlyStopping = new EarlyStopping(config.patience(), config.mode(), config.minDelta());
    }

    private Result loop(TrainingLog log, TrainingProgress start) throws IOException {
        GradientSums grads = new GradientSums(parameters.keySet());
        long step = start.step();
        try (log; Progress progress = new Progress("train", totalSteps - step, "steps", console)) {
            if (start.finished()) {
                return finish(log, step, false);
            }
            for (int epoch = start.epoch(); epoch < config.epochs(); epoch++) {
                List<int[]> batches = MicroBatchPlan.forEpoch(data, seeds, epoch, config.microBatchSize(),
                        config.lengthBucketing());
                boolean resumedEpoch = epoch == start.epoch();
                int micro = resumedEpoch ? start.microBatchInEpoch() : 0;
                double epochLossSum = resumedEpoch ? start.epochLossSum() : 0;
                int epochSteps = resumedEpoch ? start.epochSteps() : 0;
                long epochStart = System.nanoTime();
                while (micro < batches.size()) {
                    long t0 = System.nanoTime();
                    int groupEnd = Math.min(batches.size(), micro + config.accumulationSteps());
                    double lossSum = 0;
                    int examples = 0;
                    for (int k = micro; k < groupEnd; k++) {
                        seeds.seedNd4jForMicroBatch(step, k - micro);
                        int[] indices = batches.get(k);
                        double loss = model.trainStep(data.batch(indices), grads);
                        if (!Double.isFinite(loss)) {
                            throw nonFinite(log, "loss is " + loss, step, epoch, k, batches.size());
                        }
                        lossSum += loss;
                        examples += indices.length;
                    }
                    int count = groupEnd - micro;
                    if (count > 1) {
                        grads.scale(1.0 / count);
                    }
                    AdamW.StepReport report;
                    try {
                        report = optimizer.step(grads.sums());
                    } catch (NonFiniteLossException e) {
                        throw nonFinite(log, e.getMessage(), step, epoch, groupEnd - 1, batches.size());
                    } finally {
                        grads.close();
                    }
                    step = report.step();
                    micro = groupEnd;
                    double loss = lossSum / count;
                    epochLossSum += loss;
                    epochSteps++;
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    log.step(step, epoch, loss, report.learningRate(), report.gradNorm(), report.clipScale(), examples,
                            examples / Math.max(seconds, 1e-9));
                    progress.update(step - start.step(), String.format(Locale.ROOT,
                            "step %d/%d epoch %d/%d loss %.4f lr %.2e %.1f ex/s", step, totalSteps, epoch + 1,
                            config.epochs(), loss, report.learningRate(), examples / Math.max(seconds, 1e-9)));

                    boolean epochEnd = micro == batches.size();
                    if (epochEnd || (config.evalEverySteps() > 0 && step % config.evalEverySteps() == 0)) {
                        evaluate(log, step, epoch);
                    }
                    if (epochEnd) {
                        log.epoch(epoch, step, epochLossSum / epochSteps, (System.nanoTime() - epochStart) / 1e9);
                    }
                    boolean stop = earlyStopping.shouldStop();
                    boolean last = epochEnd && epoch == config.epochs() - 1;
                    if (stop || epochEnd || (config.checkpointEverySteps() > 0 && step % config.checkpointEverySteps() == 0)) {
                        TrainingProgress p = epochEnd
                                ? new TrainingProgress(step, epoch + 1, 0, 0, 0, stop || last, rng(), earlyStopping.state())
                                : new TrainingProgress(step, epoch, micro, epochLossSum, epochSteps, stop, rng(),
                                earlyStopping.state());
                        checkpoint(log, p);
                    }
                    if (!hook.shouldContinue(step)) {
                        log.event("stop", step, Map.of("reason", "step hook"));
                        return new Result(step, false, false, earlyStopping.state().bestMetric(),
                                earlyStopping.state().bestStep(), lastCheckpoint);
                    }
                    if (stop) {
                        return finish(log, step, !last);
                    }
                }
            }
            return finish(log, step, false);
        }
    }

    private void evaluate(TrainingLog log, long step, int epoch) throws IOException {
        Evaluation e = evaluator.evaluate();
        boolean best = earlyStopping.record(e.metric(), step);
        if (best) {
            store.saveBest(parameters, step, e.metric());
        }
        log.evaluation(step, epoch, e, best);
    }

    private void checkpoint(TrainingLog log, TrainingProgress p) throws IOException {
        Checkpoint c = new Checkpoint(p, provenance, parameters, optimizer.firstMoments(), optimizer.secondMoments());
        lastCheckpoint = store.save(c);
        log.event("checkpoint", p.step(), Map.of("path", lastCheckpoint.toString()));
    }

    /** Restores the best model's weights into the live parameters. */
    private Result finish(TrainingLog log, long step, boolean stoppedEarly) throws IOException {
        EarlyStopping.State es = earlyStopping.state();
        CheckpointStore.BestModel best = store.loadBest().orElseThrow(() -> new IllegalStateException(
                store.bestDir() + " is missing: no best model to restore"));
        if (best.step() != es.bestStep()) {
            throw new IllegalStateException(store.bestDir() + " holds the model of step " + best.step()
                    + " but the run's best evaluation was at step " + es.bestStep());
        }
        restoreWeights(best.weights(), store.bestDir());
        log.event("end", step, Map.of("stoppedEarly", stoppedEarly, "bestStep", es.bestStep(),
                "bestMetric", es.bestMetric(), "bestWeightsSha256", best.weightsSha256()));
        return new Result(step, true, stoppedEarly, es.bestMetric(), es.bestStep(), lastCheckpoint);
    }

    private TrainingProgress.RngState rng() {
        Seeds.Nd4jRngState s = Seeds.Nd4jRngState.capture();
        return new TrainingProgress.RngState(config.seed(), s.rootState(), s.nodeState());
    }

    private NonFiniteLossException nonFinite(TrainingLog log, String what, long stepsDone, int epoch, int micro,
                                             int microCount) {
        String msg = String.format(Locale.ROOT, "%s at optimizer step %d (epoch %d, micro-batch %d of %d);"
                        + " the update was not applied and no checkpoint was written after step %d; last good"
                        + " checkpoint: %s. Resume from it with a lower learning rate, or check the input data.",
                what, stepsDone + 1, epoch + 1, micro + 1, microCount, stepsDone,
                lastCheckpoint == null ? "none" : lastCheckpoint.toString());
        log.event("error", stepsDone + 1, Map.of("message", msg));
        return new NonFiniteLossException(msg);
    }

    private void restoreWeights(Map<String, INDArray> weights, Path source) {
        if (!weights.keySet().equals(parameters.keySet())) {
            TreeMap<String, Boolean> diff = new TreeMap<>();
            weights.keySet().stream().filter(k -> !parameters.containsKey(k)).forEach(k -> diff.put(k, false));
            parameters.keySet().stream().filter(k -> !weights.containsKey(k)).forEach(k -> diff.put(k, true));
            throw new IllegalStateException(source + ": parameter names differ from the model's"
                    + " (true = missing in the checkpoint, false = unknown to the model): " + diff);
        }
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray w = weights.get(e.getKey());
            if (!Arrays.equals(w.shape(), e.getValue().shape())) {
                throw new IllegalStateException(source + ": " + e.getKey() + " has shape " + Arrays.toString(w.shape())
                        + ", the model expects " + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(w);
        }
    }

    /** Refuses to continue a checkpoint of a different run: other hyper-parameters, seed, data, KB or weights. */
    private void checkSameRun(Path dir, TrainingProvenance saved) {
        if (saved == null) {
            throw new IllegalStateException(dir + ": checkpoint has no provenance");
        }
        Map<String, String> diffs = differences(saved, provenance);
        if (!diffs.isEmpty()) {
            throw new IllegalStateException(dir + " was written by a different run configuration; resuming would not"
                    + " reproduce it. Differences (checkpoint -> now): " + diffs);
        }
    }

    /**
     * What differs between the run that wrote a checkpoint and the one now: seed, initial weights, KB, data and
     * every hyper-parameter, as "key" -> "saved -> now" (empty: the same run). {@code now}'s hyper-parameters must
     * include the trainer's ({@link TrainerConfig#hyperParameters}), as the trainer's own provenance does.
     */
    public static Map<String, String> differences(TrainingProvenance saved, TrainingProvenance now) {
        Map<String, String> diffs = new TreeMap<>();
        compare(diffs, "seed", Long.toString(saved.seed()), Long.toString(now.seed()));
        compare(diffs, "initialWeightsSha256", saved.initialWeightsSha256(), now.initialWeightsSha256());
        compare(diffs, "kbSha256", saved.kbSha256(), now.kbSha256());
        compare(diffs, "data", String.valueOf(saved.dataSha256()), String.valueOf(now.dataSha256()));
        TreeMap<String, String> keys = new TreeMap<>(saved.hyperParameters());
        now.hyperParameters().forEach(keys::putIfAbsent);
        for (String k : keys.keySet()) {
            compare(diffs, k, saved.hyperParameters().get(k), now.hyperParameters().get(k));
        }
        return diffs;
    }

    private static void compare(Map<String, String> diffs, String key, String saved, String now) {
        if (!Objects.equals(saved, now)) {
            diffs.put(key, saved + " -> " + now);
        }
    }
}
