package org.boe4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The micro-batches of one epoch, as example indices: a seeded permutation of the training set cut into
 * micro-batches (the last one may be smaller). With length bucketing, the permutation is cut into windows of
 * {@value #BUCKET_WINDOW} micro-batches, each window is sorted by example length so that a micro-batch holds
 * examples of similar length (less padding), and the order of all micro-batches is then shuffled again.
 * Everything is a function of (seed, epoch), so a resumed run sees the same batches.
 */
final class MicroBatchPlan {

    static final int BUCKET_WINDOW = 50;

    private MicroBatchPlan() {
    }

    static List<int[]> forEpoch(TrainingData<?> data, Seeds seeds, long epoch, int microBatchSize, boolean bucketing) {
        int n = data.size();
        int[] order = seeds.permutation(n, epoch);
        List<int[]> batches = new ArrayList<>();
        if (!bucketing) {
            for (int from = 0; from < n; from += microBatchSize) {
                batches.add(Arrays.copyOfRange(order, from, Math.min(n, from + microBatchSize)));
            }
            return batches;
        }
        int window = microBatchSize * BUCKET_WINDOW;
        for (int from = 0; from < n; from += window) {
            Integer[] chunk = Arrays.stream(Arrays.copyOfRange(order, from, Math.min(n, from + window)))
                    .boxed().toArray(Integer[]::new);
            Arrays.sort(chunk, Comparator.comparingInt(data::length)); // stable: ties keep the shuffled order
            for (int b = 0; b < chunk.length; b += microBatchSize) {
                batches.add(Arrays.stream(chunk, b, Math.min(chunk.length, b + microBatchSize))
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        SplitMix64 rng = new SplitMix64(seeds.derive("buckets", epoch));
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] t = batches.get(i);
            batches.set(i, batches.get(j));
            batches.set(j, t);
        }
        return batches;
    }
}
