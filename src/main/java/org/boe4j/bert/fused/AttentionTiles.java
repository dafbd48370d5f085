package org.boe4j.bert.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The per-(sequence, head) steps shared by {@link AttentionCore}, its gradient and {@link AttentionProbs}, on one
 * T x T tile at a time. Legend: B batch, T positions (F = T queries), N heads, H head size, D = N·H, P = B·T rows.
 *
 * <p>Q, K, V (and the context and their gradients) stay in the projections' [P, D] row layout: head n of sequence b
 * is the [T, H] block at element b·T·D + n·H with leading dimension D, which BLAS addresses directly; so no head
 * split or merge permutes are needed. Each worker owns three T x T scratch tiles (scores/probabilities, the
 * dropped-out probabilities, the probability gradient); nothing of size [B, N, T, T] is stored between the forward
 * and the backward pass: the backward recomputes the tile's probabilities (one extra T x T x H product).
 */
final class AttentionTiles {

    final int batch;
    final int length;
    final int heads;
    final int headSize;
    final int hidden;
    final double alpha;
    final INDArray q;
    final INDArray k;
    final INDArray v;
    final INDArray maskAdd;
    /** Dropout mask [B, N, T, T] of the probabilities, or null at inference. */
    final INDArray drop;
    private final INDArray scratch;
    private final boolean vector;
    private final FloatBuffer scratchF;
    private final FloatBuffer maskF;
    private final FloatBuffer dropF;
    private final Rows.Doubles scratchD;
    private final Rows.Doubles maskD;
    private final Rows.Doubles dropD;

    AttentionTiles(INDArray q, INDArray k, INDArray v, INDArray maskAdd, INDArray drop, int heads, double alpha) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.maskAdd = maskAdd;
        this.heads = heads;
        this.alpha = alpha;
        this.batch = (int) maskAdd.size(0);
        this.length = (int) maskAdd.size(1);
        this.hidden = (int) q.size(1);
        this.headSize = hidden / heads;
        if (q.size(0) != (long) batch * length || hidden % heads != 0) {
            throw new IllegalArgumentException("attention: Q " + Arrays.toString(q.shape())
                    + " does not fit the mask [" + batch + ", " + length + "] and " + heads + " heads");
        }
        this.drop = drop == null || Rows.isUnitScalar(drop) ? null : drop;
        if (this.drop != null && this.drop.length() != (long) batch * heads * length * length) {
            throw new IllegalArgumentException("attention dropout mask " + Arrays.toString(drop.shape())
                    + ", expected [" + batch + ", " + heads + ", " + length + ", " + length + "]");
        }
        this.scratch = Nd4j.createUninitialized(q.dataType(), (long) Parallel.WORKERS * 3 * length * length);
        this.vector = Rows.useVector(q);
        this.scratchF = vector ? HostArrays.floats(scratch) : null;
        this.maskF = vector ? HostArrays.floats(maskAdd) : null;
        this.dropF = vector && this.drop != null ? HostArrays.floats(this.drop) : null;
        this.scratchD = vector ? null : Rows.Doubles.of(scratch);
        this.maskD = vector ? null : Rows.Doubles.of(maskAdd);
        this.dropD = !vector && this.drop != null ? Rows.Doubles.of(this.drop) : null;
    }

    int tiles() {
        return batch * heads;
    }

    /** Runs {@code body(tile, part)} for every tile, tiles split over the workers, OpenBLAS single-threaded. */
    void forEachTile(TileBody body) {
        try {
            Gemm.singleThreaded(() -> Parallel.ranges(tiles(), (part, from, to) -> {
                for (int t = from; t < to; t++) {
                    body.run(t, part);
                }
            }));
        } finally {
            scratch.close();
        }
    }

    @FunctionalInterface
    interface TileBody {
        void run(int tile, int part);
    }

    /** Element offset of tile {@code t}'s [T, H] block in a [P, D] array. */
    long block(int t) {
        int b = t / heads;
        int n = t % heads;
        return (long) b * length * hidden + (long) n * headSize;
    }

    /** Element offset of scratch tile {@code which} (0, 1, 2) of worker {@code part}. */
    long scratchTile(int part, int which) {
        return ((long) part * 3 + which) * length * length;
    }

    INDArray scratch() {
        return scratch;
    }

    /** Scratch tile 0 ← softmax(alpha·Q_t·K_tᵀ + mask_b) (probabilities, before dropout). */
    void probabilities(int t, int part) {
        long s = scratchTile(part, 0);
        long blk = block(t);
        Gemm.gemm(false, true, length, length, headSize, alpha, q, blk, hidden, k, blk, hidden, 0, scratch, s, length);
        int b = t / heads;
        int mo = b * length;
        if (vector) {
            float[] row = new float[length];
            float[] mask = new float[length];
            maskF.get(mo, mask, 0, length);
            for (int i = 0; i < length; i++) {
                int o = (int) (s + (long) i * length);
                scratchF.get(o, row, 0, length);
                VectorRows.maskedSoftmax(row, 0, mask, 0, length);
                scratchF.put(o, row, 0, length);
            }
        } else {
            double[] row = new double[length];
            double[] mask = new double[length];
            maskD.get(mo, mask, length);
            for (int i = 0; i < length; i++) {
                int o = (int) (s + (long) i * length);
                scratchD.get(o, row, length);
                ScalarRows.maskedSoftmax(row, 0, mask, 0, length);
                scratchD.put(o, row, length);
            }
        }
    }

    /**
     * Scratch tile {@code to} ← tile 0 ∘ dropout mask of tile t (or, at inference, nothing is done and tile 0 is
     * returned). Returns the scratch offset of the probabilities that multiply V.
     */
    long dropped(int t, int part, int to) {
        long s = scratchTile(part, 0);
        if (drop == null) {
            return s;
        }
        long d = scratchTile(part, to);
        long mo = (long) t * length * length;
        int n = length * length;
        if (vector) {
            float[] p = new float[n];
            float[] m = new float[n];
            scratchF.get((int) s, p, 0, n);
            dropF.get((int) mo, m, 0, n);
            for (int j = 0; j < n; j++) {
                p[j] *= m[j];
            }
            scratchF.put((int) d, p, 0, n);
        } else {
            double[] p = new double[n];
            double[] m = new double[n];
            scratchD.get((int) s, p, n);
            dropD.get((int) mo, m, n);
            for (int j = 0; j < n; j++) {
                p[j] *= m[j];
            }
            scratchD.put((int) d, p, n);
        }
        return d;
    }

    /**
     * Scratch tile 2 holds dL/d(dropped P); turns it into dL/dS in place: g ← m∘g, then g ← P∘(g − Σ g∘P) per row,
     * with P in tile 0.
     */
    void softmaxBackward(int t, int part) {
        long s = scratchTile(part, 0);
        long g = scratchTile(part, 2);
        long mo = (long) t * length * length;
        if (vector) {
            float[] p = new float[length];
            float[] d = new float[length];
            float[] m = drop == null ? null : new float[length];
            for (int i = 0; i < length; i++) {
                int ro = i * length;
                scratchF.get((int) (s + ro), p, 0, length);
                scratchF.get((int) (g + ro), d, 0, length);
                if (m != null) {
                    dropF.get((int) (mo + ro), m, 0, length);
                    for (int j = 0; j < length; j++) {
                        d[j] *= m[j];
                    }
                }
                VectorRows.softmaxGrad(p, d, 0, length);
                scratchF.put((int) (g + ro), d, 0, length);
            }
        } else {
            double[] p = new double[length];
            double[] d = new double[length];
            double[] m = drop == null ? null : new double[length];
            for (int i = 0; i < length; i++) {
                int ro = i * length;
                scratchD.get((int) (s + ro), p, length);
                scratchD.get((int) (g + ro), d, length);
                if (m != null) {
                    dropD.get((int) (mo + ro), m, length);
                    for (int j = 0; j < length; j++) {
                        d[j] *= m[j];
                    }
                }
                ScalarRows.softmaxGrad(p, d, 0, length);
                scratchD.put((int) (g + ro), d, length);
            }
        }
    }
}
