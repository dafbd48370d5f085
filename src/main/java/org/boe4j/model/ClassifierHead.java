package org.boe4j.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classifier of method.md §6: one fully connected layer on h + z, and its loss.
 *
 * <pre>
 * Legend: B batch, D hidden size, C labels.
 *   logits = (h + z) W^T + b                                  // [B, C], W: [C, D] (HF layout)
 *   single label: p = softmax(logits),  L = -1/B sum_b sum_c y_bc log p_bc
 *   multi label:  p = sigmoid(logits),  L = 1/(B C) sum_bc [max(l,0) - l y + log(1 + exp(-|l|))]
 * </pre>
 * The multi-label loss is binary cross-entropy in the overflow-free form (equal to
 * -y log sigma(l) - (1-y) log(1 - sigma(l)) for every finite l).
 */
public final class ClassifierHead {

    public static final String WEIGHT = "classifier.weight";
    public static final String BIAS = "classifier.bias";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    public static final String LABELS = "labels";
    public static final String LOSS = "loss";

    private ClassifierHead() {
    }

    /**
     * Adds the classifier; weights ~ N(0, initStd), bias 0 (BERT's initialiser), drawn from ND4J's RNG.
     *
     * @param features [B, D]
     * @return logits [B, C]
     */
    public static SDVariable build(SameDiff sd, SDVariable features, int hidden, int numLabels, TaskType task,
                                   double initStd, DataType dtype) {
        SDVariable w = sd.var(WEIGHT, Nd4j.randn(dtype, numLabels, hidden).muli(initStd));
        SDVariable b = sd.var(BIAS, Nd4j.zeros(dtype, numLabels));
        SDVariable logits = features.mmul(w.permute(1, 0)).add(b).rename(LOGITS);             // [B, C]
        if (task == TaskType.SINGLE_LABEL) {
            sd.nn().softmax(PROBABILITIES, logits, 1);
        } else {
            sd.nn().sigmoid(PROBABILITIES, logits);
        }
        return logits;
    }

    /** Adds the {@code labels} placeholder ([B, C], one-hot or multi-hot) and the scalar {@code loss}. */
    public static SDVariable loss(SameDiff sd, SDVariable logits, TaskType task, DataType dtype) {
        SDVariable y = sd.placeHolder(LABELS, dtype, -1, -1);                                  // [B, C]
        if (task == TaskType.SINGLE_LABEL) {
            SDVariable logP = sd.nn().logSoftmax(logits, 1);                                   // [B, C]
            return y.mul(logP).sum(1).mean().neg().rename(LOSS);                               // scalar
        }
        SDVariable bce = sd.nn().relu(logits, 0).sub(logits.mul(y))
                .add(sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg())));          // [B, C]
        return bce.mean().rename(LOSS);                                                        // scalar
    }
}
