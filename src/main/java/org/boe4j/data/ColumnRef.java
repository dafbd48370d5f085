package org.boe4j.data;

import java.util.List;

/**
 * A column chosen by header name, or by 0-based position for files without a header (written {@code #2} on
 * the command line).
 */
public record ColumnRef(String name, int index) {

    public static ColumnRef named(String name) {
        return new ColumnRef(name, -1);
    }

    public static ColumnRef at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("column index must be >= 0, got " + index);
        }
        return new ColumnRef(null, index);
    }

    /** {@code #3} is position 3 (0-based), anything else is a header name. */
    public static ColumnRef parse(String spec) {
        if (spec.length() > 1 && spec.charAt(0) == '#' && spec.substring(1).chars().allMatch(Character::isDigit)) {
            return at(Integer.parseInt(spec.substring(1)));
        }
        return named(spec);
    }

    /** The position of this column in a header, or -1 if the header lacks it. */
    int resolve(List<String> header) {
        if (name == null) {
            return header == null || index < header.size() ? index : -1;
        }
        return header == null ? -1 : header.indexOf(name);
    }

    @Override
    public String toString() {
        return name != null ? "'" + name + "'" : "#" + index;
    }
}
