package org.boe4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * softmax(x)_i = exp(x_i - max x) / sum_j exp(x_j - max x) along one axis, built from primitives.
 *
 * <p>Why not SameDiff's softmax op: in DOUBLE precision, 1.0.0-M2.1's op does not subtract the maximum (a row of
 * -800s gives NaN where FLOAT gives 1/n) and, measured on a tiny encoder, its first execution in a JVM returned NaN
 * attention probabilities for a padded row that later executions computed correctly. Double precision is what the
 * finite-difference gradient checks run in, so every softmax of the model goes through here.
 */
public final class Softmax {

    /**
     * Added to the score of a masked position before a softmax, Google BERT's additive mask value: e^−10000 is 0 in
     * float and double, so a masked position gets no weight while the row stays finite. Used for padded keys of
     * the encoder's attention and padded slots of the entity attention alike.
     */
    public static final double MASK_VALUE = -10000.0;

    private Softmax() {
    }

    public static SDVariable apply(SameDiff sd, String name, SDVariable x, int axis) {
        return normalise(sd, name, x, x.max(true, axis), axis);
    }

    /**
     * The same function with a shift the backward pass does not differentiate: c = the row maximum truncated to an
     * integer, computed through int64, so that SameDiff, which differentiates floating-point paths only, leaves it
     * out of the gradient. softmax(x − c) = softmax(x) for any c constant along the axis, so the exact gradient with
     * respect to c is zero; differentiating max(x) anyway is a {@code reduce_max_bp} per call (250 ms of an
     * M-BERT training step at 8 x 128, 12 calls). exp stays bounded: x − c ≤ max − c < 1, and the largest term is
     * at least e^−1, so the sum never underflows.
     *
     * @param type the graph's floating-point type (the shift is cast back to it), fixed when the graph is built
     */
    public static SDVariable applyWithConstantShift(SameDiff sd, String name, SDVariable x, int axis, DataType type) {
        SDVariable shift = x.max(true, axis).castTo(DataType.LONG).castTo(type);
        return normalise(sd, name, x, shift, axis);
    }

    /**
     * log softmax(x)_i = (x_i − max x) − log sum_j exp(x_j − max x) along {@code axis}, built from primitives.
     *
     * <p>Why not SameDiff's log-softmax op: 1.0.0-M2.1 cannot clone its LogSoftMax op with an axis argument when it
     * builds the gradient graph ("Error setting property ... Integer.values()"); measured.
     */
    public static SDVariable logSoftmax(SameDiff sd, SDVariable x, int axis) {
        SDVariable shifted = x.sub(x.max(true, axis));
        return shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, axis)));
    }

    private static SDVariable normalise(SameDiff sd, String name, SDVariable x, SDVariable shift, int axis) {
        SDVariable e = sd.math().exp(x.sub(shift));
        SDVariable out = e.div(e.sum(true, axis));
        return name == null ? out : out.rename(name);
    }
}
