package org.boe4j.bert.fused;

import org.boe4j.nn.Backprop;
import org.boe4j.nn.GradientCheck;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-kernel graph for the kernel tests: named inputs (trainable variables or constants), the kernel's output
 * {@code out}, and the loss {@code L = Σ out ∘ R} with a fixed random R, so that every output element matters.
 * Gradients come from {@link Backprop} (the project's gradient session, i.e. the Java gradient ops).
 */
final class KernelCheck {

    @FunctionalInterface
    interface Kernel {
        SDVariable apply(SameDiff sd, Map<String, SDVariable> in);
    }

    final SameDiff sd = SameDiff.create();
    final Map<String, SDVariable> vars = new LinkedHashMap<>();
    final List<String> trainable = new ArrayList<>();
    final SDVariable out;

    /** {@code inputs}: name → value; names in {@code constants} are not differentiated (masks). */
    KernelCheck(Map<String, INDArray> inputs, List<String> constants, Kernel kernel, long seed) {
        FusedKernels.install();
        inputs.forEach((name, value) -> {
            if (constants.contains(name)) {
                vars.put(name, sd.constant(name, value));
            } else {
                vars.put(name, sd.var(name, value));
                trainable.add(name);
            }
        });
        out = kernel.apply(sd, vars).rename("out");
        INDArray probe = sd.output(Map.of(), "out").get("out");
        Nd4j.getRandom().setSeed(seed);
        SDVariable r = sd.constant("R", Nd4j.rand(probe.dataType(), probe.shape()).subi(0.5));
        out.mul(r).sum().rename("loss");
        sd.setLossVariables("loss");
    }

    INDArray output() {
        return sd.output(Map.of(), "out").get("out");
    }

    Map<String, INDArray> gradients() {
        return Backprop.gradients(sd, Map.of(), trainable);
    }

    double loss() {
        return sd.output(Map.of(), "loss").get("loss").getDouble(0);
    }

    /**
     * Worst relative error over the trainable inputs of the directional derivative g·v against central differences
     * (L(w + hv) − L(w − hv)) / 2h along a random direction v (double graphs only).
     */
    double finiteDifferenceError(double h, long seed) {
        Map<String, INDArray> grads = gradients();
        Nd4j.getRandom().setSeed(seed);
        double worst = 0;
        for (String name : trainable) {
            INDArray w = sd.getVariable(name).getArr();
            INDArray v = Nd4j.rand(DataType.DOUBLE, w.shape()).subi(0.5);
            double analytic = grads.get(name).mul(v).sumNumber().doubleValue();
            double numeric = GradientCheck.directionalDifference(w, v, h, this::loss);
            double rel = Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric));
            System.out.printf("  %s: analytic %.10f numeric %.10f rel %.2e%n", name, analytic, numeric, rel);
            worst = Math.max(worst, rel);
        }
        return worst;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** Uniform values in [lo, hi) from a fixed seed, as double. */
    static INDArray uniform(long seed, double lo, double hi, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(hi - lo).addi(lo);
    }

    static Map<String, INDArray> cast(Map<String, INDArray> m, DataType type) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.castTo(type)));
        return out;
    }
}
