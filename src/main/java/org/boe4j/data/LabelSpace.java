package org.boe4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labels a reader accepts: either a fixed list (rows with any other label are bad rows), or open, in which
 * case the labels seen are collected and returned sorted, so that label indices do not depend on row order.
 */
final class LabelSpace {

    private final List<String> fixed;
    private final Set<String> seen = new TreeSet<>();

    LabelSpace(List<String> fixed) {
        this.fixed = fixed == null ? null : List.copyOf(fixed);
    }

    /** Null if the label is acceptable, otherwise the reason to reject the row. */
    String check(String label) {
        if (label.isEmpty()) {
            return "empty label";
        }
        if (fixed != null && !fixed.contains(label)) {
            return "unknown label '" + label + "', expected one of " + fixed;
        }
        return null;
    }

    void add(String label) {
        seen.add(label);
    }

    List<String> labels() {
        return fixed != null ? fixed : new ArrayList<>(seen);
    }
}
