package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SurfaceAutomatonTest {

    /** Every (id, start, end) occurrence, found by the naive reference: indexOf of every string at every offset. */
    private static List<String> naive(String[] strings, String text) {
        List<String> out = new ArrayList<>();
        for (int id = 0; id < strings.length; id++) {
            for (int from = text.indexOf(strings[id]); from >= 0; from = text.indexOf(strings[id], from + 1)) {
                out.add(id + ":" + from + ":" + (from + strings[id].length()));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> automaton(String[] strings, String text) {
        List<String> out = new ArrayList<>();
        new SurfaceAutomaton(strings).matchAll(text, (id, s, e) -> out.add(id + ":" + s + ":" + e));
        out.sort(null);
        return out;
    }

    @Test
    void findsAllOverlappingOccurrencesLikeTheNaiveScan() {
        String[] strings = {"he", "hers", "his", "she"};
        assertThat(automaton(strings, "ushers ahishers")).isEqualTo(naive(strings, "ushers ahishers"))
                .contains("0:2:4", "3:1:4", "1:2:6");
    }

    @Test
    void agreesWithTheNaiveScanOnRandomDictionaries() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            TreeSet<String> set = new TreeSet<>();
            int n = 1 + rnd.nextInt(40);
            while (set.size() < n) {
                set.add(randomString(rnd, 1 + rnd.nextInt(5)));
            }
            String[] strings = set.toArray(new String[0]);
            String text = randomString(rnd, 200);
            assertThat(automaton(strings, text)).as("trial %d", trial).isEqualTo(naive(strings, text));
        }
    }

    @Test
    void handlesCharsBeyondTheBmpAsSurrogatePairs() {
        String[] strings = {"a😀", "😀b"};
        assertThat(automaton(strings, "xa😀bx")).containsExactly("0:1:4", "1:2:5");
    }

    private static String randomString(Random rnd, int len) {
        // a tiny alphabet, so that strings share prefixes and suffixes and fail links matter
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append("abcé東".charAt(rnd.nextInt(5)));
        }
        return b.toString();
    }
}
