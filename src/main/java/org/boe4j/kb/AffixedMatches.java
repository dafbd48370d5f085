package org.boe4j.kb;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The matches of one text while affix rules apply, kept until the pass ends so that two guards can be applied:
 * an affixed reading of a word is dropped when the same word is a bare dictionary surface (ליבנון-like words that
 * start with a proclitic letter keep their own entry), and one surface is reported once per span (a stem and the
 * surface itself may both reach the same word). Linear in the number of matches.
 */
final class AffixedMatches {

    private int[] surface = new int[16];
    private int[] start = new int[16];
    private int[] end = new int[16];
    private boolean[] bare = new boolean[16];
    private int size;

    void add(int surfaceId, int s, int e, boolean isBare) {
        if (size == surface.length) {
            int n = size * 2;
            surface = Arrays.copyOf(surface, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            bare = Arrays.copyOf(bare, n);
        }
        surface[size] = surfaceId;
        start[size] = s;
        end[size] = e;
        bare[size] = isBare;
        size++;
    }

    /** Calls {@code sink} for every match kept, in the order found. */
    void forEachKept(SurfaceAutomaton.MatchSink sink) {
        Set<Long> bareWords = new HashSet<>();
        for (int i = 0; i < size; i++) {
            if (bare[i]) {
                bareWords.add(span(start[i], end[i]));
            }
        }
        record Reported(int surface, long span) {
        }
        Set<Reported> reported = new HashSet<>();
        for (int i = 0; i < size; i++) {
            long sp = span(start[i], end[i]);
            if (!bare[i] && bareWords.contains(sp) || !reported.add(new Reported(surface[i], sp))) {
                continue;
            }
            sink.match(surface[i], start[i], end[i]);
        }
    }

    private static long span(int s, int e) {
        return ((long) s << 32) | (e & 0xffffffffL);
    }
}
