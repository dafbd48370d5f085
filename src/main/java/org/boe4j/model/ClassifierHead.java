package org.boe4j.model;

import org.boe4j.nn.Linear;
import org.boe4j.nn.Softmax;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classifier of docs/method.md §6: one fully connected layer on h + z, and its loss.
 *
 * <pre>
 * Legend: B batch, D hidden size, C labels.
 *   logits = (h + z) W^T + b                                  // [B, C], W: [C, D] (HF layout)
 *   single label: p = softmax(logits),  L = -s sum_b sum_c y_bc log p_bc                 s = 1/B for the mean
 *   multi label:  p = sigmoid(logits),  L = s sum_bc [max(l,0) - l y + log(1 + exp(-|l|))]  s = 1/(B C)
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
    /** Scalar placeholder multiplying the summed loss: 1/B (single label) or 1/(B C) (multi label) for a mean. */
    public static final String LOSS_SCALE = "loss_scale";

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
        if (numLabels < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 labels, found " + numLabels);
        }
        SDVariable w = sd.var(WEIGHT, Nd4j.randn(dtype, numLabels, hidden).muli(initStd));
        SDVariable b = sd.var(BIAS, Nd4j.zeros(dtype, numLabels));
        SDVariable logits = new Linear(w, b).apply(sd, features).rename(LOGITS);               // [B, C]
        if (task == TaskType.SINGLE_LABEL) {
            sd.nn().softmax(PROBABILITIES, logits, 1);
        } else {
            sd.nn().sigmoid(PROBABILITIES, logits);
        }
        return logits;
    }

    /** The loss scale that makes {@code loss} the mean over a batch of {@code batchSize} documents. */
    public static double meanScale(TaskType task, long batchSize, int numLabels) {
        return task == TaskType.SINGLE_LABEL ? 1.0 / batchSize : 1.0 / ((double) batchSize * numLabels);
    }

    /**
     * Adds the {@code labels} placeholder ([B, C], one-hot or multi-hot), the scalar {@code loss_scale} placeholder
     * and the scalar {@code loss} = loss_scale * (summed loss over the batch).
     *
     * <p>Why a fed scale instead of {@code mean()}: SameDiff 1.0.0-M2.1 crashes (NullPointerException in
     * {@code BaseReduceOp.noOp}) when a reduction leaves a vector's length unchanged, e.g. the mean of a [1] array
     * for a batch of one document (measured). A full sum over [B, C] never meets that case for C >= 2, and the
     * scale also lets gradient accumulation weight micro-batches exactly (1 / the whole batch's size).
     */
    public static SDVariable loss(SameDiff sd, SDVariable logits, TaskType task, DataType dtype) {
        SDVariable y = sd.placeHolder(LABELS, dtype, -1, -1);                                  // [B, C]
        SDVariable scale = sd.placeHolder(LOSS_SCALE, dtype);                                  // []
        if (task == TaskType.SINGLE_LABEL) {
            SDVariable logP = Softmax.logSoftmax(sd, logits, 1);                               // [B, C]
            return y.mul(logP).sum().mul(scale).neg().rename(LOSS);                            // scalar
        }
        SDVariable bce = sd.nn().relu(logits, 0).sub(logits.mul(y))
                .add(sd.math().log1p(sd.math().exp(sd.math().abs(logits).neg())));          // [B, C]
        return bce.sum().mul(scale).rename(LOSS);                                              // scalar
    }
}
