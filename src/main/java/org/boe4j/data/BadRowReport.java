package org.boe4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a reader left out under {@link BadRowPolicy#SKIP}, each with its location and reason. Readers
 * fill it through {@link #reject}; under {@link BadRowPolicy#FAIL} {@code reject} throws instead.
 */
public final class BadRowReport {

    /** One skipped row. */
    public record SkippedRow(SourceLocation location, String reason) {
        @Override
        public String toString() {
            return location + ": " + reason;
        }
    }

    private final BadRowPolicy policy;
    private final List<SkippedRow> skipped = new ArrayList<>();

    public BadRowReport(BadRowPolicy policy) {
        this.policy = policy;
    }

    public static BadRowReport empty() {
        return new BadRowReport(BadRowPolicy.FAIL);
    }

    public BadRowPolicy policy() {
        return policy;
    }

    /** Records a bad row, or throws it under {@link BadRowPolicy#FAIL}. */
    public void reject(SourceLocation location, String reason) throws BadRowException {
        if (policy == BadRowPolicy.FAIL) {
            throw new BadRowException(location, reason);
        }
        skipped.add(new SkippedRow(location, reason));
    }

    public List<SkippedRow> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    public int count() {
        return skipped.size();
    }

    /** A short human summary: the count and the first few rows. */
    public String summary(int maxRows) {
        if (skipped.isEmpty()) {
            return "no rows skipped";
        }
        StringBuilder sb = new StringBuilder().append(skipped.size()).append(" rows skipped");
        for (int i = 0; i < Math.min(maxRows, skipped.size()); i++) {
            sb.append(System.lineSeparator()).append("  ").append(skipped.get(i));
        }
        if (skipped.size() > maxRows) {
            sb.append(System.lineSeparator()).append("  ... and ").append(skipped.size() - maxRows).append(" more");
        }
        return sb.toString();
    }
}
