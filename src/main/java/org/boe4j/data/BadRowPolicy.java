package org.boe4j.data;

/**
 * What a reader does with a row it cannot use (missing column, unknown label, empty text, malformed UTF-8,
 * unparsable JSON, ...).
 */
public enum BadRowPolicy {
    /** Stop at the first bad row with a {@link BadRowException} naming file, line and the problem (default). */
    FAIL,
    /** Leave the row out, and list it in the dataset's {@link BadRowReport}. */
    SKIP
}
