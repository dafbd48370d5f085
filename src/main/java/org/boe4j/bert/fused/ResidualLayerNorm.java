package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * The end of a BERT sub-layer as one node: bias, dropout, residual and LayerNorm. Legend: P rows (B·T), D hidden.
 * <pre>
 *   z   = m ∘ (y + b) + r                     y = x·Wᵀ (the dense product), b [D], m dropout mask, r residual [P, D]
 *   out = gamma · (z − mean(z)) / sqrt(var(z) + eps) + beta     population variance over D, eps = layer_norm_eps
 * backward (g = dL/dout, x̂ = (z − mean)·rstd, h = g∘gamma):
 *   dz = rstd · (h − mean(h) − x̂·mean(h∘x̂));  dr = dz;  dy = m∘dz;  db = Σ_rows dy;
 *   dgamma = Σ_rows g∘x̂;  dbeta = Σ_rows g
 * </pre>
 * Unlike libnd4j's {@code layer_norm} (eps = 0, see bert/LayerNorm) this uses the configured eps (1e-12). The mask
 * is the dropout placeholder: the scalar 1 at inference (then skipped) or a [P, D] training mask. Replaces the
 * bias add, the mask product, the residual add and the LayerNorm (and their broadcast gradients); the backward pass
 * recomputes z, mean and rstd from the inputs instead of storing them.
 */
public final class ResidualLayerNorm extends JavaKernelOp {

    public ResidualLayerNorm() {
    }

    private ResidualLayerNorm(SameDiff sd, SDVariable y, SDVariable b, SDVariable r, SDVariable gamma,
                              SDVariable beta, SDVariable mask, double eps) {
        super(sd, y, b, r, gamma, beta, mask);
        addTArgument(eps);
    }

    /** LayerNorm(mask∘(y + b) + r), named {@code name}; {@code mask} is a dropout placeholder (or the constant 1). */
    public static SDVariable apply(SameDiff sd, String name, SDVariable y, SDVariable b, SDVariable mask,
                                   SDVariable r, SDVariable gamma, SDVariable beta, double eps) {
        return new ResidualLayerNorm(sd, y, b, r, gamma, beta, mask, eps).outputVariables()[0].rename(name);
    }

    @Override
    public String opName() {
        return "boe4j_residual_layer_norm";
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
        run(this, oc, null);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        SDVariable[] a = args();
        return List.of(new Grad(sameDiff, a, grads.get(0), floatArg(this, 0)).outputVariables());
    }

    /**
     * Forward (g = null: output 0 ← LayerNorm) or backward (outputs dy, db, dr, dgamma, dbeta), row-parallel; inputs
     * y, b, r, gamma, beta, mask [, g].
     */
    private static void run(JavaKernelOp op, OpContext oc, INDArray gIn) {
        double eps = floatArg(op, 0);
        INDArray y = in(oc, 0);
        INDArray b = in(oc, 1);
        INDArray r = in(oc, 2);
        INDArray gamma = in(oc, 3);
        INDArray beta = in(oc, 4);
        INDArray mask = in(oc, 5);
        boolean masked = !Rows.isUnitScalar(mask);
        boolean backward = gIn != null;
        int rows = (int) y.size(0);
        int n = (int) y.size(1);
        if (masked && mask.length() != y.length()) {
            throw new IllegalArgumentException("dropout mask of " + mask.length() + " elements for " + y.length());
        }
        if (Rows.useVector(y)) {
            FloatBuffer yb = HostArrays.floats(y);
            FloatBuffer rb = HostArrays.floats(r);
            FloatBuffer mb = masked ? HostArrays.floats(mask) : null;
            float[] bias = Rows.floats(b);
            float[] gm = Rows.floats(gamma);
            float[] bt = Rows.floats(beta);
            FloatBuffer out0 = HostArrays.floats(oc.getOutputArray(0));
            FloatBuffer gb = backward ? HostArrays.floats(gIn) : null;
            FloatBuffer drb = backward ? HostArrays.floats(oc.getOutputArray(2)) : null;
            float[][][] partial = new float[Parallel.WORKERS][3][backward ? n : 0];
            Parallel.ranges(rows, (part, from, to) -> {
                float[] yr = new float[n];
                float[] rr = new float[n];
                float[] mr = masked ? new float[n] : null;
                float[] g = backward ? new float[n] : null;
                for (int row = from; row < to; row++) {
                    int o = row * n;
                    yb.get(o, yr, 0, n);
                    rb.get(o, rr, 0, n);
                    if (masked) {
                        mb.get(o, mr, 0, n);
                    }
                    if (backward) {
                        gb.get(o, g, 0, n);
                        float[][] s = partial[part];
                        VectorRows.residualLayerNormGrad(yr, bias, mr, rr, gm, eps, g, s[0], s[1], s[2], n);
                        drb.put(o, rr, 0, n);
                    } else {
                        VectorRows.residualLayerNorm(yr, bias, mr, rr, gm, bt, eps, n);
                    }
                    out0.put(o, yr, 0, n);
                }
            });
            if (backward) {
                Sums.columnsInto(column(partial, 2), HostArrays.floats(oc.getOutputArray(1)));
                Sums.columnsInto(column(partial, 0), HostArrays.floats(oc.getOutputArray(3)));
                Sums.columnsInto(column(partial, 1), HostArrays.floats(oc.getOutputArray(4)));
            }
        } else {
            Rows.Doubles yb = Rows.Doubles.of(y);
            Rows.Doubles rb = Rows.Doubles.of(r);
            Rows.Doubles mb = masked ? Rows.Doubles.of(mask) : null;
            double[] bias = Rows.Doubles.of(b).all(n);
            double[] gm = Rows.Doubles.of(gamma).all(n);
            double[] bt = Rows.Doubles.of(beta).all(n);
            Rows.Doubles out0 = Rows.Doubles.of(oc.getOutputArray(0));
            Rows.Doubles gb = backward ? Rows.Doubles.of(gIn) : null;
            Rows.Doubles drb = backward ? Rows.Doubles.of(oc.getOutputArray(2)) : null;
            double[][][] partial = new double[Parallel.WORKERS][3][backward ? n : 0];
            Parallel.ranges(rows, (part, from, to) -> {
                double[] yr = new double[n];
                double[] rr = new double[n];
                double[] mr = masked ? new double[n] : null;
                double[] g = backward ? new double[n] : null;
                for (int row = from; row < to; row++) {
                    int o = row * n;
                    yb.get(o, yr, n);
                    rb.get(o, rr, n);
                    if (masked) {
                        mb.get(o, mr, n);
                    }
                    if (backward) {
                        gb.get(o, g, n);
                        double[][] s = partial[part];
                        ScalarRows.residualLayerNormGrad(yr, bias, mr, rr, gm, eps, g, s[0], s[1], s[2], n);
                        drb.put(o, rr, n);
                    } else {
                        ScalarRows.residualLayerNorm(yr, bias, mr, rr, gm, bt, eps, n);
                    }
                    out0.put(o, yr, n);
                }
            });
            if (backward) {
                Sums.columnsInto(column(partial, 2), Rows.Doubles.of(oc.getOutputArray(1)));
                Sums.columnsInto(column(partial, 0), Rows.Doubles.of(oc.getOutputArray(3)));
                Sums.columnsInto(column(partial, 1), Rows.Doubles.of(oc.getOutputArray(4)));
            }
        }
    }

    private static float[][] column(float[][][] partial, int k) {
        float[][] out = new float[partial.length][];
        for (int p = 0; p < partial.length; p++) {
            out[p] = partial[p][k];
        }
        return out;
    }

    private static double[][] column(double[][][] partial, int k) {
        double[][] out = new double[partial.length][];
        for (int p = 0; p < partial.length; p++) {
            out[p] = partial[p][k];
        }
        return out;
    }

    /** (y, b, r, gamma, beta, mask, g) → (dy, db, dr, dgamma, dbeta). */
    public static final class Grad extends JavaKernelOp {

        public Grad() {
        }

        Grad(SameDiff sd, SDVariable[] forwardInputs, SDVariable g, double eps) {
            super(sd, forwardInputs[0], forwardInputs[1], forwardInputs[2], forwardInputs[3], forwardInputs[4],
                    forwardInputs[5], g);
            addTArgument(eps);
        }

        @Override
        public String opName() {
            return "boe4j_residual_layer_norm_bp";
        }

        @Override
        public int getNumOutputs() {
            return 5;
        }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
            return Shapes.like(oc, 0, 1, 2, 3, 4);
        }

        @Override
        public void execute(OpContext oc) {
            run(this, oc, in(oc, 6));
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            throw new UnsupportedOperationException("no second derivative of the fused LayerNorm");
        }
    }
}
