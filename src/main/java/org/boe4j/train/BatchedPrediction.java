package org.boe4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Function;
import java.util.stream.IntStream;

/** Runs a per-batch prediction over examples 0..n-1 in order and stacks the rows. */
final class BatchedPrediction {

    private BatchedPrediction() {
    }

    /** @param predict the rows [b, C] for the given example indices */
    static INDArray rows(int n, int batchSize, Function<int[], INDArray> predict) {
        INDArray[] parts = new INDArray[(n + batchSize - 1) / batchSize];
        for (int start = 0, i = 0; start < n; start += batchSize, i++) {
            parts[i] = predict.apply(IntStream.range(start, Math.min(n, start + batchSize)).toArray());
        }
        return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
    }
}
