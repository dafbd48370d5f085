package org.boe4j.kb;

/**
 * A text after {@link SurfaceNormalizer#normalizeText}, with the way back: normalised char {@code k} came from
 * the original UTF-16 span {@code [origStart[k], origEnd[k])} (the whole normalisation piece it belongs to).
 */
public final class NormalizedText {

    private final String original;
    private final String text;
    private final int[] origStart;
    private final int[] origEnd;

    NormalizedText(String original, String text, int[] origStart, int[] origEnd) {
        this.original = original;
        this.text = text;
        this.origStart = origStart;
        this.origEnd = origEnd;
    }

    public String original() {
        return original;
    }

    /** The normalised text. */
    public String text() {
        return text;
    }

    /** Start (UTF-16 index in the original) of the piece normalised char {@code k} came from. */
    public int originalStart(int k) {
        return origStart[k];
    }

    /** End (exclusive UTF-16 index in the original) of the piece normalised char {@code k} came from. */
    public int originalEnd(int k) {
        return origEnd[k];
    }

    /**
     * True when normalised {@code [start, end)} covers whole pieces (does not cut a piece such as the "fi" of
     * a ligature or the "ss" of "ß" in two), so that it maps back to an exact span of the original.
     */
    public boolean alignsWithOriginal(int start, int end) {
        boolean startOk = start == 0 || origStart[start] != origStart[start - 1];
        boolean endOk = end == text.length() || origStart[end] != origStart[end - 1];
        return startOk && endOk;
    }
}
