package org.boe4j.kb.build.wikipedia;

import java.util.Arrays;

/**
 * Strings interned to dense ids 0, 1, 2, ... with an open-addressing table of ids (no boxed entries), and a
 * lookup of a region of a longer text without creating a substring (the hot path of occurrence counting).
 * The hash is the polynomial {@code h = 31 h + c} over UTF-16 chars, so it can be extended one char at a time.
 */
final class StringTable {

    private String[] values = new String[1024];
    private int[] hashes = new int[1024];
    private int[] slots = new int[2048]; // id + 1, 0 = empty; capacity a power of two, load <= 1/2
    private int size;

    int size() {
        return size;
    }

    String get(int id) {
        return values[id];
    }

    /** Returns the id of {@code s}, adding it when new. */
    int intern(String s) {
        int h = hash(s, 0, s.length());
        int mask = slots.length - 1;
        for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return add(s, h, i);
            }
            int id = slot - 1;
            if (hashes[id] == h && values[id].equals(s)) {
                return id;
            }
        }
    }

    /** Returns the id of {@code s}, or -1. */
    int find(String s) {
        return find(s, 0, s.length(), hash(s, 0, s.length()));
    }

    /**
     * Returns the id of {@code text[start, end)} whose hash {@link #extend extends} to {@code h}, or -1.
     */
    int find(CharSequence text, int start, int end, int h) {
        int mask = slots.length - 1;
        int len = end - start;
        for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int id = slot - 1;
            if (hashes[id] == h && values[id].length() == len && regionEquals(values[id], text, start)) {
                return id;
            }
        }
    }

    /** The hash of a string extended by one char. */
    static int extend(int h, char c) {
        return 31 * h + c;
    }

    static int hash(CharSequence s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = extend(h, s.charAt(i));
        }
        return h;
    }

    /** Approximate heap bytes used (strings counted as 40 bytes of object overhead plus 1-2 bytes per char). */
    long approximateBytes() {
        long bytes = 4L * slots.length + 8L * values.length + 4L * hashes.length;
        for (int i = 0; i < size; i++) {
            String v = values[i];
            boolean latin1 = v.chars().allMatch(c -> c < 256);
            bytes += 40 + (latin1 ? v.length() : 2L * v.length());
        }
        return bytes;
    }

    private static boolean regionEquals(String value, CharSequence text, int start) {
        for (int k = 0; k < value.length(); k++) {
            if (value.charAt(k) != text.charAt(start + k)) {
                return false;
            }
        }
        return true;
    }

    private int add(String s, int h, int slotIndex) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        values[size] = s;
        hashes[size] = h;
        slots[slotIndex] = ++size;
        if (2L * size > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < size; id++) {
            int i = mix(hashes[id]) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = id + 1;
        }
        slots = bigger;
    }

    /** Spreads the polynomial hash's low bits (murmur3 finalizer). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
