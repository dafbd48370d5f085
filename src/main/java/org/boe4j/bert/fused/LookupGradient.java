package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The gradient of a row lookup {@code out[p, :] = table[indices[p], :]} (the embeddings and the entity vectors):
 * <pre>
 *   dTable[i, :] = Σ_{p : indices[p] = i} dOut[p, :]        dOut: [..., D], indices: [...] → dTable: [V, D]
 * </pre>
 * Why in Java: libnd4j 1.0.0-M2.1's {@code unsorted_segment_sum}, the stock op for this sum, keeps about the size
 * of its input in native memory on every call that the garbage collector never returns (measured: ~7 MB per call
 * for 2,048 rows of 768 floats, 150 calls 0.08 -> 1.16 GB RSS; a frozen-encoder BoE training grew ~25 MB per step
 * until the demo failed with an out-of-memory error); it also walks the output as one view object per table row
 * (119,547 for M-BERT's words). Here the sum is one pass over dOut's rows into a zeroed [V, D], in input order, so
 * the result does not depend on the thread count. The indices are not differentiable (their gradient is zero).
 */
public final class LookupGradient extends JavaKernelOp {

    public LookupGradient() {
    }

    private LookupGradient(SameDiff sd, SDVariable gradOut, SDVariable indices, long tableRows) {
        super(sd, gradOut, indices);
        addIArgument(tableRows);
    }

    /** dTable [tableRows, D] from dOut [..., D] and the indices [...] of the lookup. */
    public static SDVariable of(SameDiff sd, SDVariable gradOut, SDVariable indices, long tableRows) {
        return new LookupGradient(sd, gradOut, indices, tableRows).outputVariables()[0];
    }

    @Override
    public String opName() {
        return "boe4j_lookup_grad";
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
        INDArray gradOut = oc.getInputArray(0);
        return List.of(Shapes.of(gradOut, iArgs()[0], gradOut.size(gradOut.rank() - 1)));
    }

    @Override
    public void execute(OpContext oc) {
        INDArray gradOut = in(oc, 0);
        int[] indices = in(oc, 1).data().asInt();
        INDArray table = oc.getOutputArray(0);
        int rows = (int) table.size(0);
        int d = (int) table.size(1);
        if ((long) indices.length * d != gradOut.length()) {
            throw new IllegalArgumentException("lookup gradient: " + indices.length + " indices for a gradient of shape "
                    + Arrays.toString(gradOut.shape()));
        }
        table.assign(0);
        for (int index : indices) {
            if (index < 0 || index >= rows) {
                throw new IllegalArgumentException("lookup gradient: index " + index + " outside the table [0, " + rows + ")");
            }
        }
        if (gradOut.dataType() == DataType.FLOAT) {
            FloatBuffer g = HostArrays.floats(gradOut);
            FloatBuffer t = HostArrays.floats(table);
            float[] row = new float[d];
            float[] acc = new float[d];
            for (int p = 0; p < indices.length; p++) {
                int at = indices[p] * d;
                g.get(p * d, row, 0, d);
                t.get(at, acc, 0, d);
                for (int j = 0; j < d; j++) {
                    acc[j] += row[j];
                }
                t.put(at, acc, 0, d);
            }
        } else {
            DoubleBuffer g = HostArrays.doubles(gradOut);
            DoubleBuffer t = HostArrays.doubles(table);
            double[] row = new double[d];
            double[] acc = new double[d];
            for (int p = 0; p < indices.length; p++) {
                int at = indices[p] * d;
                g.get(p * d, row, 0, d);
                t.get(at, acc, 0, d);
                for (int j = 0; j < d; j++) {
                    acc[j] += row[j];
                }
                t.put(at, acc, 0, d);
            }
        }
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        throw new UnsupportedOperationException("no second derivative of a lookup's gradient");
    }
}
