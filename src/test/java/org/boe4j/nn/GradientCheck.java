package org.boe4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Compares analytic gradients with central finite differences in double precision,
 * {@code n = (L(p + eps) - L(p - eps)) / (2 eps)}, element by element, and reports per parameter the largest
 * relative error {@code |a - n| / max(|a|, |n|)}. Elements where both |a| and |n| are below {@code absTolerance}
 * count as agreeing (their relative error is rounding noise). In double precision with eps 1e-6, correct
 * gradients of smooth graphs give errors around 1e-8 to 1e-6; a wrong gradient gives errors near 1.
 *
 * <p>For graphs too large to perturb element by element, {@link #directionalDifference} checks a whole gradient g
 * along one direction v: {@code g·v} against {@code (L(w + hv) − L(w − hv)) / 2h}, two forward passes per parameter.
 * Test scope: the product never checks gradients at run time.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * @param parameters DOUBLE arrays that {@code loss} reads; perturbed in place and restored
     * @param analytic   the gradients to check, by the same names
     * @param loss       recomputes the scalar loss from the current parameters (deterministically: no dropout)
     */
    public static Map<String, Double> check(Map<String, INDArray> parameters, Map<String, INDArray> analytic,
                                            DoubleSupplier loss, double eps, double absTolerance) {
        return check(parameters, analytic, loss, eps, absTolerance, Integer.MAX_VALUE);
    }

    /**
     * As {@link #check(Map, Map, DoubleSupplier, double, double)}, checking at most {@code maxPerParameter} elements
     * of each parameter, spread evenly over it (first and last included), for graphs whose forward pass is slow.
     */
    public static Map<String, Double> check(Map<String, INDArray> parameters, Map<String, INDArray> analytic,
                                            DoubleSupplier loss, double eps, double absTolerance, int maxPerParameter) {
        if (maxPerParameter < 1) {
            throw new IllegalArgumentException("maxPerParameter must be >= 1, found " + maxPerParameter);
        }
        Map<String, Double> worst = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            INDArray p = e.getValue();
            if (p.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException("parameter " + name + ": finite differences need DOUBLE, found "
                        + p.dataType());
            }
            INDArray a = analytic.get(name);
            if (a == null) {
                throw new IllegalArgumentException("no analytic gradient for " + name);
            }
            INDArray flat = p.reshape(p.length()); // a view: writes reach the parameter
            INDArray aFlat = a.reshape(a.length());
            double max = 0;
            long n = flat.length();
            long m = Math.min(n, maxPerParameter);
            for (long k = 0; k < m; k++) {
                long i = m == 1 ? 0 : k * (n - 1) / (m - 1);
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double plus = loss.getAsDouble();
                flat.putScalar(i, orig - eps);
                double minus = loss.getAsDouble();
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                max = Math.max(max, relativeError(aFlat.getDouble(i), numeric, absTolerance));
            }
            worst.put(name, max);
        }
        return worst;
    }

    /**
     * Checks every trainable variable of a SameDiff graph (at most {@code maxPerVariable} elements of each, spread
     * evenly) against finite differences of {@code lossName}. The graph
     * is cast to DOUBLE <b>in place</b> first (pass a graph built for the check): every floating variable,
     * constant, placeholder and intermediate becomes DOUBLE, so the graph must not rely on mixed float types.
     */
    public static Map<String, Double> check(SameDiff sd, String lossName, Map<String, INDArray> placeholders,
                                            double eps, double absTolerance, int maxPerVariable) {
        Map<String, DataType> toDouble = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.dataType() != null && v.dataType().isFPType() && v.dataType() != DataType.DOUBLE
                    && v.getVariableType() != VariableType.ARRAY) {
                toDouble.put(v.name(), DataType.DOUBLE);
            }
        }
        sd.convertDataTypes(toDouble);
        // SameDiff 1.0.0-M2.1 propagates the new type only one op downstream (measured: after converting the
        // inputs of matmul -> add -> tanh, "add" and "tanh" stayed FLOAT and execution failed with
        // "applyTrueBroadcast: the shape or type of target array is wrong"); set the intermediates by hand.
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.ARRAY && v.dataType() != null && v.dataType().isFPType()) {
                v.setDataType(DataType.DOUBLE);
            }
        }
        Map<String, INDArray> feed = new LinkedHashMap<>();
        placeholders.forEach((k, v) -> feed.put(k, v.dataType().isFPType() ? v.castTo(DataType.DOUBLE) : v));
        sd.setLossVariables(lossName);
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                params.put(v.name(), v.getArr());
            }
        }
        Map<String, INDArray> grads = Backprop.gradients(sd, feed, params.keySet());
        Map<String, INDArray> analytic = new LinkedHashMap<>();
        params.keySet().forEach(k -> analytic.put(k, grads.get(k).dup()));
        return check(params, analytic, () -> {
            INDArray l = sd.output(feed, lossName).get(lossName);
            if (l.length() != 1) {
                throw new IllegalArgumentException(lossName + " must be a scalar, has shape "
                        + Arrays.toString(l.shape()));
            }
            return l.getDouble(0);
        }, eps, absTolerance, maxPerVariable);
    }

    /**
     * The central difference {@code (L(w + hv) − L(w − hv)) / 2h} of {@code loss} along direction {@code v}, with
     * {@code w} perturbed in place and restored (to compare with the directional derivative {@code g·v}).
     */
    public static double directionalDifference(INDArray w, INDArray v, double h, DoubleSupplier loss) {
        INDArray original = w.dup();
        w.addi(v.mul(h));
        double plus = loss.getAsDouble();
        w.assign(original).subi(v.mul(h));
        double minus = loss.getAsDouble();
        w.assign(original);
        return (plus - minus) / (2 * h);
    }

    static double relativeError(double analytic, double numeric, double absTolerance) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        if (scale < absTolerance) {
            return 0;
        }
        return Math.abs(analytic - numeric) / scale;
    }
}
