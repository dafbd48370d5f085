package org.boe4j.bert.fused;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AttentionCore} (and the audit node {@link AttentionProbs}) against a double reference written here with
 * explicit loops over sequences, heads, queries and keys, on Q, K, V in the [B·T, D] row layout: B = 2, T = 5
 * (sequence 0 padded after 3 keys: additive −10000), N = 3 heads of H = 4, alpha = 1/2; with a dropout mask on the
 * probabilities and with the inference scalar 1. Backward: central finite differences in double for Q, K, V, and
 * float32 against double.
 */
class AttentionCoreTest {

    static final int B = 2;
    static final int T = 5;
    static final int N = 3;
    static final int H = 4;
    static final int D = N * H;
    static final double ALPHA = 0.5;

    static Map<String, INDArray> inputs(boolean dropout) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("q", KernelCheck.uniform(1, -2, 2, B * T, D));
        m.put("k", KernelCheck.uniform(2, -2, 2, B * T, D));
        m.put("v", KernelCheck.uniform(3, -1, 1, B * T, D));
        INDArray a = Nd4j.zeros(DataType.DOUBLE, B, T);
        a.putScalar(0, 3, -10000.0);
        a.putScalar(0, 4, -10000.0);
        m.put("a", a);
        m.put("m", dropout ? KernelCheck.uniform(4, 0, 1, B, N, T, T).gte(0.2).castTo(DataType.DOUBLE).divi(0.8)
                : Nd4j.scalar(DataType.DOUBLE, 1.0));
        return m;
    }

    static KernelCheck check(DataType type, boolean dropout) {
        return new KernelCheck(KernelCheck.cast(inputs(dropout), type), List.of("a", "m"),
                (sd, in) -> AttentionCore.apply(sd, "ctx", in.get("q"), in.get("k"), in.get("v"), in.get("a"),
                        in.get("m"), N, ALPHA), 5);
    }

    /** probs [B, N, T, T] (before dropout) of the reference. */
    static INDArray referenceProbs(Map<String, INDArray> in) {
        INDArray probs = Nd4j.create(DataType.DOUBLE, B, N, T, T);
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < T; i++) {
                    double[] s = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < T; j++) {
                        double dot = 0;
                        for (int h = 0; h < H; h++) {
                            dot += in.get("q").getDouble(b * T + i, n * H + h) * in.get("k").getDouble(b * T + j, n * H + h);
                        }
                        s[j] = ALPHA * dot + in.get("a").getDouble(b, j);
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < T; j++) {
                        sum += Math.exp(s[j] - max);
                    }
                    for (int j = 0; j < T; j++) {
                        probs.putScalar(new int[]{b, n, i, j}, Math.exp(s[j] - max) / sum);
                    }
                }
            }
        }
        return probs;
    }

    static INDArray referenceContext(Map<String, INDArray> in) {
        INDArray p = referenceProbs(in);
        INDArray m = in.get("m");
        INDArray ctx = Nd4j.create(DataType.DOUBLE, B * T, D);
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < T; i++) {
                    for (int h = 0; h < H; h++) {
                        double c = 0;
                        for (int j = 0; j < T; j++) {
                            double drop = m.length() == 1 ? 1 : m.getDouble(b, n, i, j);
                            c += p.getDouble(b, n, i, j) * drop * in.get("v").getDouble(b * T + j, n * H + h);
                        }
                        ctx.putScalar(b * T + i, n * H + h, c);
                    }
                }
            }
        }
        return ctx;
    }

    @AfterEach
    void vectorBack() {
        Rows.vector = Rows.VECTOR_AVAILABLE;
    }

    @Test
    void forwardMatchesTheDoubleReference() {
        for (boolean dropout : new boolean[]{false, true}) {
            INDArray ref = referenceContext(inputs(dropout));
            double d = KernelCheck.maxAbsDiff(check(DataType.DOUBLE, dropout).output(), ref);
            double f = KernelCheck.maxAbsDiff(check(DataType.FLOAT, dropout).output(), ref);
            Rows.vector = false;
            double fs = KernelCheck.maxAbsDiff(check(DataType.FLOAT, dropout).output(), ref);
            Rows.vector = Rows.VECTOR_AVAILABLE;
            System.out.printf("attention core forward (dropout %s): double %.2e, float vector %.2e, float scalar %.2e%n",
                    dropout, d, f, fs);
            assertThat(d).isLessThanOrEqualTo(1e-13);
            assertThat(f).isLessThanOrEqualTo(2e-6);
            assertThat(fs).isLessThanOrEqualTo(2e-6);
        }
    }

    @Test
    void auditNodeGivesScoresAndProbabilities() {
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            KernelCheck c = check(type, true);
            SDVariable[] sp = AttentionProbs.apply(c.sd, "scores", "probs", c.vars.get("q"), c.vars.get("k"),
                    c.vars.get("a"), N, ALPHA);
            Map<String, INDArray> out = c.sd.output(Map.of(), "scores", "probs");
            INDArray probs = referenceProbs(inputs(true));
            double dp = KernelCheck.maxAbsDiff(out.get("probs"), probs);
            assertThat(sp[1].name()).isEqualTo("probs");
            assertThat(out.get("probs").shape()).isEqualTo(new long[]{B, N, T, T});
            assertThat(dp).as("%s probs", type).isLessThanOrEqualTo(type == DataType.DOUBLE ? 1e-14 : 1e-6);
            // softmax of the scores along the keys is the probabilities
            INDArray s = out.get("scores").castTo(DataType.DOUBLE);
            INDArray e = org.nd4j.linalg.ops.transforms.Transforms.exp(s.sub(s.max(true, 3)), false);
            double ds = KernelCheck.maxAbsDiff(e.div(e.sum(true, 3)), probs);
            assertThat(ds).as("%s scores", type).isLessThanOrEqualTo(type == DataType.DOUBLE ? 1e-14 : 1e-6);
            assertThat(out.get("scores").getDouble(0, 1, 2, 3)).as("masked key").isLessThan(-9000);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (boolean dropout : new boolean[]{false, true}) {
            double worst = check(DataType.DOUBLE, dropout).finiteDifferenceError(1e-6, 6);
            System.out.printf("attention core gradient check (dropout %s): worst relative error %.2e%n", dropout, worst);
            assertThat(worst).isLessThanOrEqualTo(1e-7);
        }
    }

    @Test
    void floatGradientMatchesDouble() {
        Map<String, INDArray> d = check(DataType.DOUBLE, true).gradients();
        Map<String, INDArray> f = check(DataType.FLOAT, true).gradients();
        for (String name : List.of("q", "k", "v")) {
            double rel = KernelCheck.maxAbsDiff(f.get(name), d.get(name)) / d.get(name).amaxNumber().doubleValue();
            System.out.printf("attention core float gradient %s: relative %.2e%n", name, rel);
            assertThat(rel).as(name).isLessThanOrEqualTo(1e-5);
        }
    }
}
