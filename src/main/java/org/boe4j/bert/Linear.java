package org.boe4j.bert;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A dense layer {@code y = x · Wᵀ + b} with the weight kept in the Hugging Face/PyTorch shape [out, in]; the
 * product uses the transposed operand of matmul instead of a transposed copy, so loaded checkpoints are used as
 * they are. Parameters {@code <scope>.weight} [out, in] and {@code <scope>.bias} [out].
 */
final class Linear {

    private final SDVariable weight;
    private final SDVariable bias;

    Linear(BertGraph g, String scope) {
        this.weight = g.parameter(scope + ".weight");
        this.bias = g.parameter(scope + ".bias");
    }

    /** x·Wᵀ without the bias: [P, in] → [P, out] (for the fused kernels, which add the bias themselves). */
    SDVariable product(SameDiff sd, SDVariable x) {
        return sd.mmul(x, weight, false, true, false); // [P, out]
    }

    SDVariable bias() {
        return bias;
    }

    /** x: [P, in] → [P, out] (P = B·T rows, or B for the pooler). */
    SDVariable apply(SameDiff sd, SDVariable x) {
        return sd.mmul(x, weight, false, true, false).add(bias); // [P, out]
    }
}
