package org.boe4j.train;

/**
 * The training examples, addressed by index so the trainer can shuffle and batch them reproducibly.
 *
 * @param <B> the micro-batch type
 */
public interface TrainingData<B> {

    /** Number of examples. */
    int size();

    /**
     * The micro-batch made of these examples, in this order, padded to the longest of them (for text, the
     * tokenizer's {@code EncodedBatch} pads to the batch's longest sequence).
     */
    B batch(int[] exampleIndices);

    /** The length of an example (e.g. its number of tokens), used only by length bucketing. */
    default int length(int exampleIndex) {
        return 1;
    }
}
