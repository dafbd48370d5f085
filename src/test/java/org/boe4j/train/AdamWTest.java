package org.boe4j.train;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AdamW against a double-precision reference written here straight from the equations of Loshchilov &amp; Hutter
 * (2019), Algorithm 2, in the form {@code p -= lr_t (m_hat / (sqrt(v_hat) + eps) + wd p)}, with PyTorch's
 * global-norm clipping. Inputs are float32 values shared by both; the reference does all arithmetic in double.
 *
 * <p>Tolerance 1e-6 absolute on parameters: parameters stay in (-1.2, 1.2), where one float32 rounding costs at
 * most 6e-8; each of the 6 steps rounds p once, and the update (at most lr = 0.05 in size) carries float32
 * relative error ~1e-6 from the m, v, sqrt chain, i.e. ~5e-8 absolute: about 7e-7 in the worst case. A formula
 * error (missing bias correction, decay not scaled by lr, wrong epsilon placement, clipping ignored) moves
 * parameters by 1e-4 or more, which the sanity assertions below check.
 */
class AdamWTest {

    private static final String[] NAMES = {"layer.dense.bias", "layer.LayerNorm.weight", "layer.dense.weight"};
    private static final long[][] SHAPES = {{5}, {5}, {4, 5}};
    private static final double[] GRAD_SCALES = {0.5, 0.02, 3.0};
    private static final int STEPS = 6;

    @Test
    void matchesDoubleReferenceWithDecayAndActiveClipping() {
        AdamWConfig config = new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.01, 1.0);
        Result r = runBoth(config);
        assertThat(r.maxClipScaleSeen).as("clipping must be active in this case").isLessThan(0.5);
        assertThat(r.maxParamDiff).isLessThanOrEqualTo(1e-6);
        assertThat(r.maxMomentRelDiff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void matchesDoubleReferenceWithoutDecayAndInactiveClipping() {
        AdamWConfig config = new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.0, 1e6);
        Result r = runBoth(config);
        assertThat(r.minClipScaleSeen).isEqualTo(1.0);
        assertThat(r.maxParamDiff).isLessThanOrEqualTo(1e-6);
        assertThat(r.maxMomentRelDiff).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void matchesDoubleReferenceWithStrongDecayPytorchEpsilonAndClipping() {
        AdamWConfig config = new AdamWConfig(0.05, 0.8, 0.99, 1e-8, 0.3, 2.0);
        Result r = runBoth(config);
        assertThat(r.maxParamDiff).isLessThanOrEqualTo(1e-6);
    }

    /** The cases differ from each other by far more than the tolerance, so the tolerance cannot hide a lost term. */
    @Test
    void decayAndClippingChangeTheTrajectoryMeasurably() {
        double[][] base = reference(new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.0, 0));
        double[][] decayed = reference(new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.1, 0));
        double[][] clipped = reference(new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.0, 1.0));
        assertThat(maxDiff(base[2], decayed[2])).isGreaterThan(1e-4);
        assertThat(maxDiff(base[0], decayed[0])).as("bias is never decayed").isEqualTo(0.0);
        assertThat(maxDiff(base[1], decayed[1])).as("LayerNorm is never decayed").isEqualTo(0.0);
        assertThat(maxDiff(base[2], clipped[2])).isGreaterThan(1e-4);
    }

    @Test
    void aStepAllocatesNoArrayAndLeavesTheGradientsAsTheyWere() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("big.weight", Nd4j.rand(DataType.FLOAT, 500, 400));
        params.put("big.bias", Nd4j.rand(DataType.FLOAT, 400));
        params.put("LayerNorm.weight", Nd4j.rand(DataType.FLOAT, 400));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        params.forEach((k, p) -> grads.put(k, Nd4j.rand(DataType.FLOAT, p.shape()).subi(0.5)));
        AdamW opt = AdamW.forBert(params, AdamWConfig.defaults().withLearningRate(1e-3).withMaxGradNorm(1.0),
                LearningRateSchedule.constant());
        Map<String, INDArray> before = new LinkedHashMap<>();
        grads.forEach((k, g) -> before.put(k, g.dup()));
        AdamW.StepReport first = opt.step(grads); // warm-up step outside the counter
        assertThat(first.clipScale()).as("clipping is active").isLessThan(0.1);
        grads.forEach((k, g) -> assertThat(g).as(k).isEqualTo(before.get(k)));
        WorkspaceConfiguration wsConfig = WorkspaceConfiguration.builder().initialSize(0)
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
        long allocated;
        // Any array ND4J creates while the workspace is open is counted by it; in-place ops create none.
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(wsConfig, "adamw-step")) {
            for (int i = 0; i < 3; i++) {
                opt.step(grads);
            }
            allocated = ws.getThisCycleAllocations();
        }
        // only the three scalar norms per step; the smallest parameter alone would be 1600 bytes
        assertThat(allocated).isLessThan(1024);
        assertThat(opt.stepsTaken()).isEqualTo(4);
    }

    /** The BERT rule on the real parameter list of a 2-layer model: weights and embeddings decay, the rest not. */
    @Test
    void bertDecayRuleOnTheRealParameterNames() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        org.boe4j.bert.BertParameters.expectedShapes(org.boe4j.bert.BertConfig.tiny(50, org.boe4j.bert.HiddenAct.GELU_TANH))
                .forEach((name, shape) -> params.put(name, Nd4j.zeros(DataType.FLOAT, shape)));
        AdamW opt = AdamW.forBert(params, AdamWConfig.defaults(), LearningRateSchedule.constant());
        List<String> decayed = params.keySet().stream().filter(opt::isDecayed).toList();
        // 3 embeddings + 6 dense weights per layer x 2 + pooler weight
        assertThat(decayed).hasSize(16).contains("embeddings.word_embeddings.weight",
                "encoder.layer.1.attention.self.query.weight", "encoder.layer.0.output.dense.weight", "pooler.dense.weight");
        assertThat(params.keySet().stream().filter(n -> !opt.isDecayed(n)))
                .hasSize(23).allMatch(n -> n.endsWith(".bias") || n.contains(".LayerNorm."))
                .contains("embeddings.LayerNorm.weight", "encoder.layer.0.attention.output.LayerNorm.weight");
    }

    /** The fused update addresses buffers directly: a strided view cannot be updated in place and is refused. */
    @Test
    void stridedParametersAndGradientsAreRefusedWithTheirName() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertThatThrownBy(() -> new AdamW(Map.of("col", base.getColumn(3)), AdamWConfig.defaults(),
                LearningRateSchedule.constant(), n -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter col")
                .hasMessageContaining("contiguous");
        Map<String, INDArray> rows = Map.of("rows", base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));            // a contiguous view at offset 6: accepted
        double lr = 0.01;
        AdamW opt = new AdamW(rows, AdamWConfig.defaults().withLearningRate(lr), LearningRateSchedule.constant(),
                n -> true);
        INDArray before = base.dup();
        opt.step(Map.of("rows", Nd4j.ones(DataType.FLOAT, 2, 6)));
        INDArray moved = base.sub(before);
        assertThat(moved.getRow(0).amaxNumber().doubleValue()).as("row before the view's offset").isZero();
        assertThat(moved.getRow(3).amaxNumber().doubleValue()).as("row after the view").isZero();
        // first step, gradient of ones clipped by c = 1/sqrt(12): m_hat = c, sqrt(v_hat) = c, so p moves by
        // -(lr c/(c + eps) + lr wd p); float32 rounding of p (~0.5) is 6e-8, the decay term 5e-5
        double c = 1 / Math.sqrt(12);
        for (int row = 1; row <= 2; row++) {
            for (int col = 0; col < 6; col++) {
                double p0 = before.getDouble(row, col);
                assertThat(moved.getDouble(row, col)).isCloseTo(-lr * c / (c + 1e-6) - lr * 0.01 * p0,
                        Offset.offset(1.5e-7));
            }
        }
        assertThatThrownBy(() -> opt.step(Map.of("rows", Nd4j.ones(DataType.FLOAT, 6, 2).transpose())))
                .hasMessageContaining("gradient rows").hasMessageContaining("contiguous");
    }

    @Test
    void nonFiniteGradientIsRefusedWithoutTouchingParameters() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", Nd4j.createFromArray(1f, 2f, 3f));
        INDArray before = params.get("w").dup();
        AdamW opt = new AdamW(params, AdamWConfig.defaults(), LearningRateSchedule.constant(), n -> true);
        Map<String, INDArray> grads = Map.of("w", Nd4j.createFromArray(0.1f, Float.NaN, 0.2f));
        assertThatThrownBy(() -> opt.step(grads)).isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("NaN").hasMessageContaining("step 1");
        assertThat(params.get("w")).isEqualTo(before);
        assertThat(opt.stepsTaken()).isZero();
    }

    @Test
    void mismatchedGradientsAreNamed() {
        Map<String, INDArray> params = Map.of("w", Nd4j.zeros(DataType.FLOAT, 2, 3));
        AdamW opt = new AdamW(params, AdamWConfig.defaults(), LearningRateSchedule.constant(), n -> true);
        assertThatThrownBy(() -> opt.step(Map.of("w", Nd4j.zeros(DataType.FLOAT, 3, 2))))
                .hasMessageContaining("gradient w").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> opt.step(Map.of("v", Nd4j.zeros(DataType.FLOAT, 2, 3))))
                .hasMessageContaining("missing [w]").hasMessageContaining("unexpected [v]");
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Result(double maxParamDiff, double maxMomentRelDiff, double maxClipScaleSeen,
                          double minClipScaleSeen) {
    }

    private static LearningRateSchedule schedule() {
        return LearningRateSchedule.linear(2, 8);
    }

    /**
     * A per-tensor rate factor s: the reference is the same equations with lr_t replaced by s lr_t for that tensor
     * (its update and its decay), here s = 1 for the bias, 0.5 for LayerNorm and 0.1 for the weight matrix.
     */
    @Test
    void aPerTensorRateFactorScalesThatTensorsUpdateAndDecay() {
        AdamWConfig config = new AdamWConfig(0.05, 0.9, 0.999, 1e-6, 0.3, 1.0);
        double[] scales = {1.0, 0.5, 0.1};
        Result r = runBoth(config, scales);
        assertThat(r.maxParamDiff).isLessThanOrEqualTo(1e-6);
        // and the factor is not a no-op: the weight matrix ends far from where the one-rate optimizer takes it
        double[][] oneRate = reference(config);
        double[][] scaled = referenceWithMoments(config, scales)[0];
        assertThat(maxDiff(oneRate[2], scaled[2])).isGreaterThan(1e-2);
        assertThat(maxDiff(oneRate[0], scaled[0])).isZero();
    }

    private static Result runBoth(AdamWConfig config) {
        return runBoth(config, new double[]{1, 1, 1});
    }

    private static Result runBoth(AdamWConfig config, double[] scales) {
        float[][] init = initialParams();
        List<float[][]> grads = gradients();
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            params.put(NAMES[i], Nd4j.create(init[i].clone(), SHAPES[i], 'c'));
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            byName.put(NAMES[i], scales[i]);
        }
        AdamW opt = new AdamW(params, config, schedule(), org.boe4j.bert.BertParameters::isDecayed, byName::get);
        double maxScale = 0;
        double minScale = 1;
        for (float[][] g : grads) {
            Map<String, INDArray> gm = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                gm.put(NAMES[i], Nd4j.create(g[i].clone(), SHAPES[i], 'c'));
            }
            AdamW.StepReport report = opt.step(gm);
            maxScale = Math.max(maxScale, report.clipScale());
            minScale = Math.min(minScale, report.clipScale());
        }
        double[][][] ref = referenceWithMoments(config, scales);
        double paramDiff = 0;
        double momentDiff = 0;
        for (int i = 0; i < NAMES.length; i++) {
            paramDiff = Math.max(paramDiff, maxDiff(ref[0][i], params.get(NAMES[i]).dup().data().asDouble()));
            momentDiff = Math.max(momentDiff, maxRelDiff(ref[1][i], opt.firstMoments().get(NAMES[i]).dup().data().asDouble()));
            momentDiff = Math.max(momentDiff, maxRelDiff(ref[2][i], opt.secondMoments().get(NAMES[i]).dup().data().asDouble()));
        }
        System.out.printf("AdamW vs double reference %s: max |dp| = %.3g, max moment rel diff = %.3g, clip scales [%.3g, %.3g]%n",
                config, paramDiff, momentDiff, minScale, maxScale);
        return new Result(paramDiff, momentDiff, maxScale, minScale);
    }

    private static double[][] reference(AdamWConfig config) {
        return referenceWithMoments(config)[0];
    }

    private static double[][][] referenceWithMoments(AdamWConfig c) {
        return referenceWithMoments(c, new double[]{1, 1, 1});
    }

    /**
     * The independent reference: plain double arrays, one line per equation; tensor i at rate scales[i] lr_t.
     * Returns {params, m, v}.
     */
    private static double[][][] referenceWithMoments(AdamWConfig c, double[] scales) {
        float[][] init = initialParams();
        double[][] p = new double[NAMES.length][];
        double[][] m = new double[NAMES.length][];
        double[][] v = new double[NAMES.length][];
        for (int i = 0; i < NAMES.length; i++) {
            p[i] = toDouble(init[i]);
            m[i] = new double[p[i].length];
            v[i] = new double[p[i].length];
        }
        int t = 0;
        for (float[][] gf : gradients()) {
            t++;
            double lrT = c.learningRate() * refSchedule(t - 1);
            double sumSq = 0;
            for (float[] g : gf) {
                for (float x : g) {
                    sumSq += (double) x * x;
                }
            }
            double total = Math.sqrt(sumSq);
            double scale = (c.maxGradNorm() > 0 && Double.isFinite(c.maxGradNorm()))
                    ? Math.min(1.0, c.maxGradNorm() / (total + 1e-6)) : 1.0;
            for (int i = 0; i < NAMES.length; i++) {
                boolean decay = !(NAMES[i].endsWith(".bias") || NAMES[i].contains("LayerNorm"));
                double wd = decay ? c.weightDecay() : 0.0;
                for (int j = 0; j < p[i].length; j++) {
                    double g = gf[i][j] * scale;
                    m[i][j] = c.beta1() * m[i][j] + (1 - c.beta1()) * g;
                    v[i][j] = c.beta2() * v[i][j] + (1 - c.beta2()) * g * g;
                    double mHat = m[i][j] / (1 - Math.pow(c.beta1(), t));
                    double vHat = v[i][j] / (1 - Math.pow(c.beta2(), t));
                    p[i][j] = p[i][j] - scales[i] * lrT * (mHat / (Math.sqrt(vHat) + c.epsilon()) + wd * p[i][j]);
                }
            }
        }
        return new double[][][]{p, m, v};
    }

    /** HF linear warm-up (2 steps) then linear decay to 0 at step 8, written out independently. */
    private static double refSchedule(int stepsTaken) {
        return stepsTaken < 2 ? stepsTaken / 2.0 : (8.0 - stepsTaken) / 6.0;
    }

    private static float[][] initialParams() {
        Random r = new Random(11);
        float[][] out = new float[NAMES.length][];
        for (int i = 0; i < NAMES.length; i++) {
            out[i] = new float[(int) count(SHAPES[i])];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (float) (r.nextDouble() * 1.6 - 0.8);
            }
        }
        return out;
    }

    /** Gradients whose overall size changes from step to step, so clipping scales differ between steps. */
    private static List<float[][]> gradients() {
        Random r = new Random(12);
        List<float[][]> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            float[][] g = new float[NAMES.length][];
            for (int i = 0; i < NAMES.length; i++) {
                g[i] = new float[(int) count(SHAPES[i])];
                for (int j = 0; j < g[i].length; j++) {
                    g[i][j] = (float) (r.nextGaussian() * GRAD_SCALES[i] * (1 + s % 3));
                }
            }
            steps.add(g);
        }
        return steps;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static double maxRelDiff(double[] ref, double[] got) {
        double d = 0;
        for (int i = 0; i < ref.length; i++) {
            d = Math.max(d, Math.abs(ref[i] - got[i]) / Math.max(Math.abs(ref[i]), 1e-12));
        }
        return d;
    }
}
