package org.boe4j.kb.build.wikipedia;

/**
 * A Bloom filter over the hashes of every prefix of every anchor ({@link StringTable#extend} hashes), so that
 * occurrence counting can stop extending a candidate span as soon as no anchor starts with it, and of every
 * complete anchor, so that the exact hash-table lookup runs only for likely matches. False
 * positives only cost a few extra steps; there are no false negatives, so no match is lost.
 * About 10 bits per distinct prefix (~1% false positives with 3 probes).
 */
final class PrefixFilter {

    private final long[] bits;
    private final long mask;

    /** Builds the filter over all prefixes of all strings of {@code anchors}. */
    PrefixFilter(StringTable anchors) {
        long prefixes = 0;
        for (int i = 0; i < anchors.size(); i++) {
            prefixes += anchors.get(i).length() + 1;
        }
        long wanted = Math.max(1024, Long.highestOneBit(Math.max(1, prefixes * 10)) << 1);
        long size = Math.min(wanted, 1L << 36); // at most 8 GB of bits: never reached by real dumps
        this.bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, size >>> 6)];
        this.mask = ((long) bits.length << 6) - 1;
        for (int i = 0; i < anchors.size(); i++) {
            String a = anchors.get(i);
            int h = 0;
            for (int k = 0; k < a.length(); k++) {
                h = StringTable.extend(h, a.charAt(k));
                add(spread(h, k + 1));
            }
            add(spread(h, -a.length())); // the complete anchor, under a distinct key
        }
    }

    /** Whether a span of {@code length} chars with hash {@code h} may be a complete anchor. */
    boolean mightBeAnchor(int h, int length) {
        return test(spread(h, -length));
    }

    /** Whether some anchor may start with a span of {@code length} chars whose hash is {@code h}. */
    boolean mightContain(int h, int length) {
        return test(spread(h, length));
    }

    private boolean test(long x) {
        for (int probe = 0; probe < 3; probe++) {
            long bit = (x + probe * (x >>> 29 | 1)) & mask;
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private void add(long x) {
        for (int probe = 0; probe < 3; probe++) {
            long bit = (x + probe * (x >>> 29 | 1)) & mask;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** 64-bit mix of (hash, length): the length separates equal polynomial hashes of different spans. */
    private static long spread(int h, int length) {
        long x = ((long) h << 32) ^ (length & 0xffffffffL);
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
