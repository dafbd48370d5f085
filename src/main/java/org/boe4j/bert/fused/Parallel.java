package org.boe4j.bert.fused;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A minimal fork/join over the kernels' independent units (row blocks, attention tiles): {@code workers()} parts,
 * the calling thread running one of them. Why not more: the machine has few cores and the units are large; every
 * part gets its own scratch buffers and partial sums, indexed by the part number.
 */
final class Parallel {

    /** Parts per kernel call: the common pool's parallelism plus the caller, at most the core count. */
    static final int WORKERS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            ForkJoinPool.getCommonPoolParallelism() + 1));

    private Parallel() {
    }

    @FunctionalInterface
    interface Part {
        void run(int part, int from, int to);
    }

    /** Splits [0, n) into at most {@link #WORKERS} contiguous ranges and runs them; returns the parts used. */
    static int ranges(int n, Part body) {
        int parts = Math.max(1, Math.min(WORKERS, n));
        if (parts == 1) {
            body.run(0, 0, n);
            return 1;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(p, (int) ((long) n * p / parts),
                (int) ((long) n * (p + 1) / parts)));
        return parts;
    }
}
