package org.boe4j.text;

import java.util.Arrays;

/**
 * One text as BERT's input: word-piece ids with {@code [CLS]} first and {@code [SEP]} last, unpadded.
 * Every token carries the span of the original text it came from, in Java {@code String} (UTF-16) indices, so
 * that {@code text.substring(start(i), end(i))} is the token's surface (without the {@code ##} prefix; for
 * {@code [UNK]} the whole unknown word). Special tokens have the empty span {@code [0, 0)}.
 */
public final class Encoding {

    private final String text;
    private final int[] ids;
    private final int[] typeIds;
    private final String[] tokens;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] special;
    private final boolean truncated;

    Encoding(String text, int[] ids, int[] typeIds, String[] tokens, int[] starts, int[] ends, boolean[] special,
             boolean truncated) {
        this.text = text;
        this.ids = ids;
        this.typeIds = typeIds;
        this.tokens = tokens;
        this.starts = starts;
        this.ends = ends;
        this.special = special;
        this.truncated = truncated;
    }

    /** The text that was encoded. */
    public String text() {
        return text;
    }

    /** Number of tokens, special tokens included. */
    public int length() {
        return ids.length;
    }

    public int[] ids() {
        return ids.clone();
    }

    public int id(int i) {
        return ids[i];
    }

    /** Segment (token type) ids: 0 for a single text. */
    public int[] typeIds() {
        return typeIds.clone();
    }

    public int typeId(int i) {
        return typeIds[i];
    }

    /** All ones: an encoding is unpadded; {@link EncodedBatch} holds the padded masks. */
    public int[] attentionMask() {
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        return mask;
    }

    public String[] tokens() {
        return tokens.clone();
    }

    public String token(int i) {
        return tokens[i];
    }

    /** UTF-16 index in {@link #text()} where token {@code i} starts. */
    public int start(int i) {
        return starts[i];
    }

    /** UTF-16 index in {@link #text()} just after token {@code i}. */
    public int end(int i) {
        return ends[i];
    }

    /** True for {@code [CLS]} and {@code [SEP]} added around the text. */
    public boolean isSpecial(int i) {
        return special[i];
    }

    /** True when the text had more word pieces than fitted and the tail was dropped. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public String toString() {
        return "Encoding" + Arrays.toString(tokens) + (truncated ? " (truncated)" : "");
    }
}
