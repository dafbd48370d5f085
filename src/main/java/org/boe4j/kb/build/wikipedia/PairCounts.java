package org.boe4j.kb.build.wikipedia;

import java.util.Arrays;

/**
 * Counts per (anchor id, target id) pair: an open-addressing map from a packed long key to an int count, so
 * that tens of millions of pairs cost about 24 bytes each instead of a boxed map entry's ~80.
 */
final class PairCounts {

    private static final long EMPTY = -1L;

    private long[] keys = newKeys(1 << 12);
    private int[] counts = new int[1 << 12];
    private int size;

    static long key(int anchor, int target) {
        return ((long) anchor << 32) | (target & 0xffffffffL);
    }

    static int anchorOf(long key) {
        return (int) (key >>> 32);
    }

    static int targetOf(long key) {
        return (int) key;
    }

    int size() {
        return size;
    }

    void add(int anchor, int target, int count) {
        add(key(anchor, target), count);
    }

    void add(long key, int count) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                keys[i] = key;
                counts[i] = count;
                if (2L * ++size > keys.length) {
                    grow();
                }
                return;
            }
            if (keys[i] == key) {
                counts[i] = Math.addExact(counts[i], count);
                return;
            }
        }
    }

    /** Visits every (key, count). */
    void forEach(PairVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit(keys[i], counts[i]);
            }
        }
    }

    /** Receives one pair. */
    @FunctionalInterface
    interface PairVisitor {
        void visit(long key, int count);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = newKeys(oldKeys.length * 2);
        counts = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private static long[] newKeys(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    private static int mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        return (int) key;
    }
}
