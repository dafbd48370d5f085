package org.boe4j.train;

import org.boe4j.bert.BertParameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization",
 * Algorithm 2), with bias correction, as {@code torch.optim.AdamW} computes it. For step {@code t = s + 1}
 * (s = steps already taken) and learning rate {@code lr_t = lr * schedule(s)}:
 * <pre>
 *   g      = g * min(1, maxNorm / (||g||_global + 1e-6))     global-norm clipping over all tensors
 *   p      = p * (1 - lr_t * wd)                             decoupled decay, only if decayed(name)
 *   m      = b1 m + (1 - b1) g
 *   v      = b2 v + (1 - b2) g^2
 *   p      = p - (lr_t / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * The last line is {@code p -= lr_t * m_hat / (sqrt(v_hat) + eps)} with {@code m_hat = m/(1-b1^t)},
 * {@code v_hat = v/(1-b2^t)}. Weight decay is scaled by {@code lr_t} (PyTorch's choice; the paper's Algorithm 2
 * scales it by the schedule multiplier eta_t only, which differs by the constant factor lr): with lr 2e-5 and
 * wd 0.01 a weight shrinks by 2e-7 per step, as in HF fine-tuning. Note that Google's BERT optimizer omits bias
 * correction; we keep it (PyTorch/HF behaviour) as the task specifies.
 *
 * <p>Everything is in place on the caller's arrays: each tensor's decay, moments and update are one fused pass
 * ({@link FusedAdamWUpdate}) that reads p, g, m, v once and writes p, m, v once; the clip scale is applied inside
 * that pass, so the caller's gradients are left as they were. A step allocates no array at all beyond the
 * scalar norms (tested with a workspace allocation counter). Parameters and gradients must be contiguous C-order
 * arrays (SameDiff's variable arrays are).
 */
public final class AdamW {

    /** Added to the global norm before dividing, as in {@code torch.nn.utils.clip_grad_norm_}. */
    static final double CLIP_EPSILON = 1e-6;

    private final AdamWConfig config;
    private final LearningRateSchedule schedule;
    private final Map<String, INDArray> parameters;
    private final Map<String, Boolean> decayed = new LinkedHashMap<>();
    /** Per-tensor factor on lr_t (and so on its decay); 1 for every tensor unless given. */
    private final Map<String, Double> rateScales = new LinkedHashMap<>();
    private final Map<String, INDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, INDArray> secondMoments = new LinkedHashMap<>();
    private long stepsTaken;

    /**
     * @param parameters live parameter arrays by name (float32, C order); updated in place by {@link #step}
     * @param isDecayed  which names get weight decay
     */
    public AdamW(Map<String, INDArray> parameters, AdamWConfig config, LearningRateSchedule schedule,
                 Predicate<String> isDecayed) {
        this(parameters, config, schedule, isDecayed, name -> 1.0);
    }

    /**
     * @param rateScale per tensor, a factor on the learning rate lr_t of its update and decay (e.g. a smaller rate
     *                  for the entity table); 1 gives the one-rate optimizer
     */
    public AdamW(Map<String, INDArray> parameters, AdamWConfig config, LearningRateSchedule schedule,
                 Predicate<String> isDecayed, ToDoubleFunction<String> rateScale) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one parameter");
        }
        this.config = config;
        this.schedule = schedule;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        DataType type = null;
        for (Map.Entry<String, INDArray> e : this.parameters.entrySet()) {
            INDArray p = e.getValue();
            if (!p.dataType().isFPType() || (type != null && p.dataType() != type)) {
                throw new IllegalArgumentException("parameter " + e.getKey() + ": expected floating type "
                        + (type == null ? "" : type + " like the others") + ", found " + p.dataType());
            }
            FusedAdamWUpdate.requireContiguous("parameter " + e.getKey(), p);
            type = p.dataType();
            decayed.put(e.getKey(), isDecayed.test(e.getKey()));
            rateScales.put(e.getKey(), rateScale.applyAsDouble(e.getKey()));
            firstMoments.put(e.getKey(), Nd4j.zeros(type, p.shape()));
            secondMoments.put(e.getKey(), Nd4j.zeros(type, p.shape()));
        }
    }

    /** AdamW for BERT-style names: no decay for biases and LayerNorm ({@link BertParameters#isDecayed}). */
    public static AdamW forBert(Map<String, INDArray> parameters, AdamWConfig config, LearningRateSchedule schedule) {
        return new AdamW(parameters, config, schedule, BertParameters::isDecayed);
    }

    /** What one step did, for logging. */
    public record StepReport(long step, double learningRate, double gradNorm, double clipScale) {
    }

    /**
     * Applies one update from {@code gradients} (same names and shapes as the parameters), clipped by global norm;
     * the gradient arrays are not modified.
     *
     * @throws NonFiniteLossException if the global gradient norm is NaN or infinite; nothing is modified then
     */
    public StepReport step(Map<String, INDArray> gradients) {
        checkGradients(gradients);
        double norm = globalNorm(gradients);
        if (!Double.isFinite(norm)) {
            throw new NonFiniteLossException("gradient norm is " + norm + " at optimizer step " + (stepsTaken + 1)
                    + "; parameters were not updated");
        }
        double clipScale = config.clips() ? Math.min(1.0, config.maxGradNorm() / (norm + CLIP_EPSILON)) : 1.0;
        double lr = learningRate();
        long t = stepsTaken + 1;
        FusedAdamWUpdate.Coefficients k = new FusedAdamWUpdate.Coefficients(clipScale, config.beta1(), config.beta2(),
                lr / (1 - Math.pow(config.beta1(), t)), 1 / Math.sqrt(1 - Math.pow(config.beta2(), t)),
                config.epsilon());
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            double scale = rateScales.get(name);
            FusedAdamWUpdate.Coefficients kt = scale == 1.0 ? k : new FusedAdamWUpdate.Coefficients(k.clipScale(),
                    k.beta1(), k.beta2(), k.stepSize() * scale, k.inverseSqrtCorrection2(), k.epsilon());
            FusedAdamWUpdate.apply(e.getValue(), gradients.get(name), firstMoments.get(name), secondMoments.get(name),
                    decayed.get(name) ? 1 - lr * scale * config.weightDecay() : 1.0, kt);
        }
        stepsTaken = t;
        return new StepReport(t, lr, norm, clipScale);
    }

    /** sqrt(sum over tensors of ||g||^2), accumulated in double across tensors. */
    public static double globalNorm(Map<String, INDArray> gradients) {
        double sum = 0;
        for (INDArray g : gradients.values()) {
            double n = g.norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /** The learning rate the next step will use. */
    public double learningRate() {
        return config.learningRate() * schedule.multiplier(stepsTaken);
    }

    public long stepsTaken() {
        return stepsTaken;
    }

    public AdamWConfig config() {
        return config;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    public boolean isDecayed(String name) {
        Boolean d = decayed.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown parameter " + name);
        }
        return d;
    }

    /** The live first moments by name (for checkpoints; do not modify). */
    public Map<String, INDArray> firstMoments() {
        return Collections.unmodifiableMap(firstMoments);
    }

    /** The live second moments by name (for checkpoints; do not modify). */
    public Map<String, INDArray> secondMoments() {
        return Collections.unmodifiableMap(secondMoments);
    }

    /** Restores moments (copied into the existing arrays) and the step counter from a checkpoint. */
    public void restore(long steps, Map<String, INDArray> m, Map<String, INDArray> v) {
        if (steps < 0) {
            throw new IllegalArgumentException("optimizer step must be >= 0, found " + steps);
        }
        copyInto(firstMoments, m, "first moment");
        copyInto(secondMoments, v, "second moment");
        stepsTaken = steps;
    }

    private static void copyInto(Map<String, INDArray> target, Map<String, INDArray> source, String what) {
        if (!target.keySet().equals(source.keySet())) {
            throw new IllegalArgumentException(what + " names differ from the parameters: missing "
                    + minus(target, source) + ", unexpected " + minus(source, target));
        }
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            INDArray src = source.get(e.getKey());
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(what + " " + e.getKey() + ": expected shape "
                        + Arrays.toString(e.getValue().shape()) + ", found " + Arrays.toString(src.shape()));
            }
            e.getValue().assign(src);
        }
    }

    private void checkGradients(Map<String, INDArray> gradients) {
        if (!gradients.keySet().equals(parameters.keySet())) {
            throw new IllegalArgumentException("gradient names differ from the parameters: missing "
                    + minus(parameters, gradients) + ", unexpected " + minus(gradients, parameters));
        }
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray g = gradients.get(e.getKey());
            if (!Arrays.equals(g.shape(), e.getValue().shape()) || g.dataType() != e.getValue().dataType()) {
                throw new IllegalArgumentException("gradient " + e.getKey() + ": expected " + e.getValue().dataType()
                        + Arrays.toString(e.getValue().shape()) + ", found " + g.dataType() + Arrays.toString(g.shape()));
            }
            FusedAdamWUpdate.requireContiguous("gradient " + e.getKey(), g);
        }
    }

    private static Set<String> minus(Map<String, ?> a, Map<String, ?> b) {
        Set<String> s = new TreeSet<>(a.keySet());
        s.removeAll(b.keySet());
        return s;
    }
}
