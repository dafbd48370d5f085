package org.boe4j.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One AdamW update of one tensor in a single pass over memory: each element of p, g, m and v is read once and
 * p, m, v are written once. Composed from ND4J element-wise ops the same update took ~12 passes (each op
 * reads and writes whole tensors), which made a step over M-BERT's 178M parameters ~10 s; the update is
 * memory-bandwidth bound, so passes are what costs.
 *
 * <p>Per element, in double, with {@code c} the clip scale, {@code d = 1 - lr_t wd} (1 without decay),
 * {@code a = lr_t / (1 - b1^t)} and {@code r = 1 / sqrt(1 - b2^t)} (equations in {@link AdamW}):
 * <pre>
 *   g' = c g;   m = b1 m + (1 - b1) g';   v = b2 v + (1 - b2) g'^2;   p = d p - a m / (r sqrt(v) + eps)
 * </pre>
 * The arrays are addressed through their off-heap buffers (element i of a contiguous C-order array is at
 * {@code offset + i}), so they must be contiguous; {@link #requireContiguous} says which are not. Large tensors
 * are split into chunks updated on the common fork-join pool (the loop has no cross-element dependency).
 */
final class FusedAdamWUpdate {

    /** Elements per parallel chunk: large enough that scheduling is negligible, small enough to split M-BERT's. */
    private static final int CHUNK = 1 << 18;

    /** The per-step constants, computed once per step from the config, schedule and step number. */
    record Coefficients(double clipScale, double beta1, double beta2, double stepSize, double inverseSqrtCorrection2,
                        double epsilon) {
    }

    private FusedAdamWUpdate() {
    }

    /** Throws unless {@code a} is a C-order array whose elements are contiguous in its buffer. */
    static void requireContiguous(String what, INDArray a) {
        long[] expected = Nd4j.getStrides(a.shape(), 'c');
        boolean contiguous = a.ordering() == 'c' && (a.length() <= 1 || Arrays.equals(a.stride(), expected));
        if (!contiguous) {
            throw new IllegalArgumentException(what + ": expected a contiguous C-order array, found ordering "
                    + a.ordering() + " with strides " + Arrays.toString(a.stride()) + " for shape "
                    + Arrays.toString(a.shape()) + " (pass a dup() of a strided view)");
        }
        if (a.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": " + a.length() + " elements exceed one Java buffer");
        }
    }

    /** Updates p, m, v in place from g; {@code decayFactor} is 1 for tensors without weight decay. */
    static void apply(INDArray p, INDArray g, INDArray m, INDArray v, double decayFactor, Coefficients k) {
        int n = (int) p.length();
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (p.dataType() == DataType.FLOAT) {
            FloatBuffer pb = p.data().asNioFloat();
            FloatBuffer gb = g.data().asNioFloat();
            FloatBuffer mb = m.data().asNioFloat();
            FloatBuffer vb = v.data().asNioFloat();
            IntStream range = IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(c -> updateFloat(pb, (int) p.offset(), gb, (int) g.offset(),
                    mb, (int) m.offset(), vb, (int) v.offset(), c * CHUNK, Math.min(n, (c + 1) * CHUNK), decayFactor, k));
        } else if (p.dataType() == DataType.DOUBLE) {
            DoubleBuffer pb = p.data().asNioDouble();
            DoubleBuffer gb = g.data().asNioDouble();
            DoubleBuffer mb = m.data().asNioDouble();
            DoubleBuffer vb = v.data().asNioDouble();
            IntStream range = IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(c -> updateDouble(pb, (int) p.offset(), gb, (int) g.offset(),
                    mb, (int) m.offset(), vb, (int) v.offset(), c * CHUNK, Math.min(n, (c + 1) * CHUNK), decayFactor, k));
        } else {
            throw new IllegalArgumentException("AdamW updates FLOAT or DOUBLE tensors, found " + p.dataType());
        }
    }

    private static void updateFloat(FloatBuffer p, int po, FloatBuffer g, int go, FloatBuffer m, int mo,
                                    FloatBuffer v, int vo, int from, int to, double decay, Coefficients k) {
        double c = k.clipScale(), b1 = k.beta1(), b2 = k.beta2(), a = k.stepSize(), r = k.inverseSqrtCorrection2();
        double eps = k.epsilon();
        for (int i = from; i < to; i++) {
            double gi = c * g.get(go + i);
            double mi = b1 * m.get(mo + i) + (1 - b1) * gi;
            double vi = b2 * v.get(vo + i) + (1 - b2) * gi * gi;
            m.put(mo + i, (float) mi);
            v.put(vo + i, (float) vi);
            p.put(po + i, (float) (decay * p.get(po + i) - a * mi / (r * Math.sqrt(vi) + eps)));
        }
    }

    private static void updateDouble(DoubleBuffer p, int po, DoubleBuffer g, int go, DoubleBuffer m, int mo,
                                     DoubleBuffer v, int vo, int from, int to, double decay, Coefficients k) {
        double c = k.clipScale(), b1 = k.beta1(), b2 = k.beta2(), a = k.stepSize(), r = k.inverseSqrtCorrection2();
        double eps = k.epsilon();
        for (int i = from; i < to; i++) {
            double gi = c * g.get(go + i);
            double mi = b1 * m.get(mo + i) + (1 - b1) * gi;
            double vi = b2 * v.get(vo + i) + (1 - b2) * gi * gi;
            m.put(mo + i, mi);
            v.put(vo + i, vi);
            p.put(po + i, decay * p.get(po + i) - a * mi / (r * Math.sqrt(vi) + eps));
        }
    }
}
