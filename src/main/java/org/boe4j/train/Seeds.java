package org.boe4j.train;

import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;

/**
 * One master seed fixes every source of randomness in a run. Each source gets its own seed, derived by hashing
 * (master, source name, counters), so the sources never share a stream and a checkpoint needs only the master seed
 * and the counters (epoch, step) to restore them exactly:
 * <ul>
 *   <li>{@link #initSeed()}: parameter initialisation (used once, when the model is built);</li>
 *   <li>{@link #permutation(int, long)}: the order of training examples in an epoch;</li>
 *   <li>{@link #seedNd4jForMicroBatch(long, int)}: ND4J's global RNG (dropout), reseeded before every micro-batch
 *       from (optimizer step, micro-batch index). Counter-based: resuming at step k gives the same dropout masks
 *       without depending on how far the native generator had advanced.</li>
 * </ul>
 * ND4J's native generator can also be saved and restored exactly with {@link Nd4jRngState} (its {@code rootState}
 * and {@code nodeState}); {@code getPosition()} stays 0 on the CPU backend and is not a usable counter.
 */
public record Seeds(long master) {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** A seed for {@code source}, independent of the seeds of other sources (SplitMix64 finaliser over FNV-1a). */
    public long derive(String source, long... counters) {
        long h = FNV_OFFSET;
        for (byte b : source.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        long z = SplitMix64.mix64(master ^ SplitMix64.mix64(h));
        for (long c : counters) {
            z = SplitMix64.mix64(z + 0x9E3779B97F4A7C15L * (c + 1));
        }
        return z;
    }

    public long initSeed() {
        return derive("init");
    }

    /** Seeds ND4J's global generator for parameter initialisation. */
    public void seedNd4jForInit() {
        Nd4j.getRandom().setSeed(initSeed());
    }

    /** Seeds ND4J's global generator (dropout) for one micro-batch of one optimizer step. */
    public void seedNd4jForMicroBatch(long optimizerStep, int microBatch) {
        Nd4j.getRandom().setSeed(derive("dropout", optimizerStep, microBatch));
    }

    /** A uniformly random permutation of 0..n-1 for {@code epoch} (Fisher-Yates). */
    public int[] permutation(int n, long epoch) {
        SplitMix64 rng = new SplitMix64(derive("shuffle", epoch));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The exact state of ND4J's global generator. */
    public record Nd4jRngState(long rootState, long nodeState) {

        public static Nd4jRngState capture() {
            return new Nd4jRngState(Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState());
        }

        public void restore() {
            Nd4j.getRandom().setStates(rootState, nodeState);
        }
    }
}
