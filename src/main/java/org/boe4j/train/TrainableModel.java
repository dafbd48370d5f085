package org.boe4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * What the {@link Trainer} needs from a model: its parameters and one forward + backward pass. The BoE model and
 * the plain M-BERT classifier implement this over their SameDiff graph; tests implement it with ND4J ops.
 *
 * @param <B> the micro-batch type (for BERT: padded ids, masks, labels)
 */
public interface TrainableModel<B> {

    /**
     * The live float32 parameters by name (Hugging Face names for the encoder). The same arrays must be returned
     * every time: the optimizer updates them in place, and checkpoints read and restore them in place.
     */
    Map<String, INDArray> parameters();

    /**
     * Runs one micro-batch in training mode (dropout on, drawing from {@code Nd4j.getRandom()}, which the trainer
     * seeds before each call) and <b>adds</b> the gradient of the batch's mean loss to {@code gradients}, one array
     * per name of {@link GradientSums#names()}: the parameters being trained, those of {@link #parameters()} (same
     * shapes) minus any the trainer freezes; a model should not compute gradients for other names. The arrays are
     * handed over ({@link GradientSums#add}), so micro-batches accumulate without a gradient-sized buffer.
     *
     * @return the mean loss over the micro-batch
     */
    double trainStep(B batch, GradientSums gradients);
}
