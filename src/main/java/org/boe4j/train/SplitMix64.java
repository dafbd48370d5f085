package org.boe4j.train;

/**
 * Steele, Lea &amp; Flood's SplitMix64 generator (the one behind {@code java.util.SplittableRandom}), written out
 * so that its whole state is one {@code long} that a checkpoint can save and restore exactly.
 */
public final class SplitMix64 {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), without modulo bias (rejection sampling). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, found " + bound);
        }
        long limit = Long.remainderUnsigned(-1L, bound) + 1; // 2^64 mod bound
        while (true) {
            long r = nextLong();
            // accept r unless it falls in the last, incomplete block of size 2^64 mod bound
            if (Long.compareUnsigned(r, -limit) < 0 || limit == bound) {
                return (int) Long.remainderUnsigned(r, bound);
            }
        }
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Stafford's variant 13 finaliser, as in SplittableRandom. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
