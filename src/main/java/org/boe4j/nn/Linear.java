package org.boe4j.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A dense layer {@code y = x · Wᵀ + b} with the weight kept in the Hugging Face/PyTorch shape [out, in]; the
 * product uses the transposed operand of matmul instead of a transposed copy, so loaded checkpoints are used as
 * they are. The encoder's parameters are {@code <scope>.weight} [out, in] and {@code <scope>.bias} [out]
 * ({@code BertGraph#linear}); the classifier's are {@code classifier.weight} and {@code classifier.bias}.
 *
 * @param weight W [out, in]
 * @param bias   b [out]
 */
public record Linear(SDVariable weight, SDVariable bias) {

    /** x·Wᵀ without the bias: [P, in] → [P, out] (for the fused kernels, which add the bias themselves). */
    public SDVariable product(SameDiff sd, SDVariable x) {
        return sd.mmul(x, weight, false, true, false); // [P, out]
    }

    /** x: [P, in] → [P, out] (P = B·T rows, or B for the pooler and the classifier). */
    public SDVariable apply(SameDiff sd, SDVariable x) {
        return sd.mmul(x, weight, false, true, false).add(bias); // [P, out]
    }
}
