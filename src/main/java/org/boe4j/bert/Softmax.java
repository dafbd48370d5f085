package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * softmax(x)_i = exp(x_i - max x) / sum_j exp(x_j - max x) along one axis, built from primitives.
 *
 * <p>Why not SameDiff's softmax op: in DOUBLE precision, 1.0.0-M2.1's op does not subtract the maximum (a row of
 * -800s gives NaN where FLOAT gives 1/n) and, measured on a tiny encoder, its first execution in a JVM returned NaN
 * attention probabilities for a padded row that later executions computed correctly. Double precision is what the
 * finite-difference gradient checks run in, so every softmax of the model goes through here.
 */
public final class Softmax {

    private Softmax() {
    }

    public static SDVariable apply(SameDiff sd, String name, SDVariable x, int axis) {
        SDVariable shifted = x.sub(x.max(true, axis));
        SDVariable e = sd.math().exp(shifted);
        SDVariable out = e.div(e.sum(true, axis));
        return name == null ? out : out.rename(name);
    }
}
