package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Bias + GELU (tanh form, the checkpoint's {@code gelu_new}) as one node. Legend: P rows (B·T), I intermediate size.
 * <pre>
 *   u = gelu_tanh(y + b) = x · 0.5·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))) = x · sigmoid(x·(A + B·x²)),
 *   x = y + b,  A = 2·sqrt(2/π),  B = 0.044715·A                       y: [P, I], b: [I] → u: [P, I]
 *   dy = du · (s + x·s·(1 − s)·(A + 3B·x²)),  s = sigmoid(x·(A + B·x²));   db = Σ_rows dy
 * </pre>
 * Replaces the graph's bias add and six GELU nodes (and their gradients, each a [P, I] array); the backward pass
 * recomputes x and s from y instead of storing them. Not libnd4j's {@code gelu} (x·sigmoid(1.702x)) nor its
 * {@code precise_gelu} (which computes (0.044715·x)³).
 */
public final class BiasGelu extends JavaKernelOp {

    public BiasGelu() {
    }

    private BiasGelu(SameDiff sd, SDVariable y, SDVariable b) {
        super(sd, y, b);
    }

    /** u = gelu_tanh(y + b), named {@code name}. */
    public static SDVariable apply(SameDiff sd, String name, SDVariable y, SDVariable b) {
        return new BiasGelu(sd, y, b).outputVariables()[0].rename(name);
    }

    @Override
    public String opName() {
        return "boe4j_bias_gelu";
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
        return Shapes.like(oc, 0);
    }

    @Override
    public void execute(OpContext oc) {
        INDArray y = in(oc, 0);
        INDArray b = in(oc, 1);
        INDArray u = oc.getOutputArray(0);
        int rows = (int) y.size(0);
        int n = (int) y.size(1);
        if (Rows.useVector(y)) {
            FloatBuffer yb = HostArrays.floats(y);
            FloatBuffer ub = HostArrays.floats(u);
            float[] bias = Rows.floats(b);
            Parallel.ranges(rows, (part, from, to) -> {
                float[] row = new float[n];
                for (int r = from; r < to; r++) {
                    yb.get(r * n, row, 0, n);
                    VectorRows.biasGelu(row, bias, n);
                    ub.put(r * n, row, 0, n);
                }
            });
        } else {
            Rows.Doubles yb = Rows.Doubles.of(y);
            Rows.Doubles ub = Rows.Doubles.of(u);
            double[] bias = Rows.Doubles.of(b).all(n);
            Parallel.ranges(rows, (part, from, to) -> {
                double[] row = new double[n];
                for (int r = from; r < to; r++) {
                    yb.get(r * n, row, n);
                    ScalarRows.biasGelu(row, bias, n);
                    ub.put(r * n, row, n);
                }
            });
        }
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        return List.of(new Grad(sameDiff, arg(0), arg(1), grads.get(0)).outputVariables());
    }

    /** (y, b, du) → (dy [P, I], db [I]). */
    public static final class Grad extends JavaKernelOp {

        public Grad() {
        }

        Grad(SameDiff sd, SDVariable y, SDVariable b, SDVariable du) {
            super(sd, y, b, du);
        }

        @Override
        public String opName() {
            return "boe4j_bias_gelu_bp";
        }

        @Override
        public int getNumOutputs() {
            return 2;
        }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
            return Shapes.like(oc, 0, 1);
        }

        @Override
        public void execute(OpContext oc) {
            INDArray y = in(oc, 0);
            INDArray b = in(oc, 1);
            INDArray du = in(oc, 2);
            INDArray dy = oc.getOutputArray(0);
            INDArray db = oc.getOutputArray(1);
            int rows = (int) y.size(0);
            int n = (int) y.size(1);
            if (Rows.useVector(y)) {
                FloatBuffer yb = HostArrays.floats(y);
                FloatBuffer gb = HostArrays.floats(du);
                FloatBuffer dyb = HostArrays.floats(dy);
                float[] bias = Rows.floats(b);
                float[][] partial = new float[Parallel.WORKERS][n];
                Parallel.ranges(rows, (part, from, to) -> {
                    float[] row = new float[n];
                    float[] g = new float[n];
                    float[] sum = partial[part];
                    for (int r = from; r < to; r++) {
                        yb.get(r * n, row, 0, n);
                        gb.get(r * n, g, 0, n);
                        VectorRows.biasGeluGrad(row, bias, g, n);
                        dyb.put(r * n, g, 0, n);
                        for (int j = 0; j < n; j++) {
                            sum[j] += g[j];
                        }
                    }
                });
                Sums.columnsInto(partial, HostArrays.floats(db));
            } else {
                Rows.Doubles yb = Rows.Doubles.of(y);
                Rows.Doubles gb = Rows.Doubles.of(du);
                Rows.Doubles dyb = Rows.Doubles.of(dy);
                double[] bias = Rows.Doubles.of(b).all(n);
                double[][] partial = new double[Parallel.WORKERS][n];
                Parallel.ranges(rows, (part, from, to) -> {
                    double[] row = new double[n];
                    double[] g = new double[n];
                    double[] sum = partial[part];
                    for (int r = from; r < to; r++) {
                        yb.get(r * n, row, n);
                        gb.get(r * n, g, n);
                        ScalarRows.biasGeluGrad(row, bias, g, n);
                        dyb.put(r * n, g, n);
                        for (int j = 0; j < n; j++) {
                            sum[j] += g[j];
                        }
                    }
                });
                Sums.columnsInto(partial, Rows.Doubles.of(db));
            }
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            throw new UnsupportedOperationException("no second derivative of the fused bias + GELU");
        }
    }
}
