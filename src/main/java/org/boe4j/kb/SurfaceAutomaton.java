package org.boe4j.kb;

import java.util.Arrays;

/**
 * Aho-Corasick automaton over a sorted set of strings (UTF-16 chars as the alphabet): one left-to-right pass
 * over a text reports every occurrence of every string, overlapping ones included, in time linear in the
 * text plus the number of matches, whatever the dictionary size.
 *
 * <p>Layout (compact enough for millions of surfaces): the trie is built from the sorted strings in one
 * pass (each string shares its longest common prefix with the previous one), then its edges are grouped by
 * parent into CSR arrays sorted by char, so {@code goto} is a binary search among a node's children (the root
 * has a dense 64K table, since most steps after a failure start there). {@code fail[s]} is the longest proper
 * suffix of s's string that is a trie node; {@code report[s]} is the nearest node on s's fail chain (s
 * itself included) that ends a string, so reporting walks only terminal nodes.
 */
public final class SurfaceAutomaton {

    /** Receives matches: string {@code id} occupies chars {@code [start, end)} of the text. */
    @FunctionalInterface
    public interface MatchSink {
        void match(int id, int start, int end);
    }

    private final int[] childStart;
    private final char[] edgeChar;
    private final int[] edgeChild;
    private final int[] rootGoto = new int[65536];
    private final int[] fail;
    private final int[] report;
    private final int[] nextReport;
    private final int[] terminal;
    private final int[] lengths;

    /** @param strings strictly increasing, non-empty strings; match ids are their indices */
    public SurfaceAutomaton(String[] strings) {
        lengths = new int[strings.length];
        IntList parent = new IntList();
        CharList chars = new CharList();
        IntList term = new IntList();
        term.add(-1); // root = node 0
        int[] path = new int[16];
        String prev = "";
        for (int id = 0; id < strings.length; id++) {
            String s = strings[id];
            if (s.isEmpty() || (id > 0 && prev.compareTo(s) >= 0)) {
                throw new IllegalArgumentException("automaton strings must be non-empty and strictly increasing; "
                        + "at " + id + ": '" + prev + "' then '" + s + "'");
            }
            lengths[id] = s.length();
            int lcp = 0;
            int max = Math.min(prev.length(), s.length());
            while (lcp < max && prev.charAt(lcp) == s.charAt(lcp)) {
                lcp++;
            }
            if (path.length < s.length() + 1) {
                path = Arrays.copyOf(path, Math.max(path.length * 2, s.length() + 1));
            }
            for (int d = lcp; d < s.length(); d++) {
                int node = term.size();
                term.add(-1);
                parent.add(path[d]);
                chars.add(s.charAt(d));
                path[d + 1] = node;
            }
            term.set(path[s.length()], id);
            prev = s;
        }
        int nodes = term.size();
        terminal = term.toArray();
        // edge e (0-based) leads to node e + 1; group edges by parent (stable, so chars stay sorted)
        childStart = new int[nodes + 1];
        for (int e = 0; e < nodes - 1; e++) {
            childStart[parent.get(e) + 1]++;
        }
        for (int i = 0; i < nodes; i++) {
            childStart[i + 1] += childStart[i];
        }
        edgeChar = new char[nodes - 1];
        edgeChild = new int[nodes - 1];
        int[] fill = Arrays.copyOf(childStart, nodes);
        for (int e = 0; e < nodes - 1; e++) {
            int slot = fill[parent.get(e)]++;
            edgeChar[slot] = chars.get(e);
            edgeChild[slot] = e + 1;
        }
        Arrays.fill(rootGoto, -1);
        for (int k = childStart[0]; k < childStart[1]; k++) {
            rootGoto[edgeChar[k]] = edgeChild[k];
        }
        fail = new int[nodes];
        report = new int[nodes];
        nextReport = new int[nodes];
        buildFailLinks(nodes);
    }

    private void buildFailLinks(int nodes) {
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        report[0] = -1;
        nextReport[0] = -1;
        for (int k = childStart[0]; k < childStart[1]; k++) {
            int v = edgeChild[k];
            fail[v] = 0;
            queue[tail++] = v;
        }
        while (head < tail) {
            int u = queue[head++];
            // report chain: u itself if terminal, else the nearest terminal along fail links
            int f = fail[u];
            int reportOfFail = u == 0 ? -1 : report[f];
            report[u] = terminal[u] >= 0 ? u : reportOfFail;
            nextReport[u] = terminal[u] >= 0 ? reportOfFail : -1;
            for (int k = childStart[u]; k < childStart[u + 1]; k++) {
                char c = edgeChar[k];
                int v = edgeChild[k];
                int g = fail[u];
                int to;
                while (true) {
                    to = step(g, c);
                    if (to >= 0 || g == 0) {
                        break;
                    }
                    g = fail[g];
                }
                fail[v] = to >= 0 ? to : 0;
                queue[tail++] = v;
            }
        }
    }

    /** Child of {@code node} by {@code c}, or -1. */
    private int step(int node, char c) {
        if (node == 0) {
            return rootGoto[c];
        }
        int lo = childStart[node];
        int hi = childStart[node + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeChild[mid];
            }
        }
        return -1;
    }

    /** Reports every occurrence of every string in {@code text}, in order of end position. */
    public void matchAll(CharSequence text, MatchSink sink) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = Math.max(next, 0);
            for (int t = report[state]; t >= 0; t = nextReport[t]) {
                int id = terminal[t];
                sink.match(id, i + 1 - lengths[id], i + 1);
            }
        }
    }

    public int stringCount() {
        return lengths.length;
    }

    public int nodeCount() {
        return terminal.length;
    }

    /** Growable int array (avoids boxing millions of nodes during the build). */
    private static final class IntList {
        private int[] a = new int[1024];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class CharList {
        private char[] a = new char[1024];
        private int size;

        void add(char v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = v;
        }

        char get(int i) {
            return a[i];
        }
    }
}
