package org.boe4j.kb;

/**
 * Build-time thresholds and matching options, stored in the KB header so that query-time matching is the
 * same as build-time counting.
 *
 * @param minLinkProbability keep a surface m when lp(m) >= this (paper: 0.01)
 * @param minCommonness      keep a candidate e of m when p(e|m) >= this (paper: 0.05)
 * @param caseInsensitive    match on case-folded text (Wikipedia2Vec's default: lower-cased on both sides)
 * @param maxMentionLength   longest surface kept, in code points of the normalised form (Wikipedia2Vec: 20)
 */
public record KbOptions(double minLinkProbability, double minCommonness, boolean caseInsensitive,
                        int maxMentionLength) {

    public static final double DEFAULT_MIN_LINK_PROBABILITY = 0.01;
    public static final double DEFAULT_MIN_COMMONNESS = 0.05;
    public static final int DEFAULT_MAX_MENTION_LENGTH = 20;

    public KbOptions {
        if (!(minLinkProbability >= 0 && minLinkProbability <= 1)) {
            throw new IllegalArgumentException("minLinkProbability must be in [0, 1], found " + minLinkProbability);
        }
        if (!(minCommonness >= 0 && minCommonness <= 1)) {
            throw new IllegalArgumentException("minCommonness must be in [0, 1], found " + minCommonness);
        }
        if (maxMentionLength < 1) {
            throw new IllegalArgumentException("maxMentionLength must be >= 1, found " + maxMentionLength);
        }
    }

    /** The paper's / Wikipedia2Vec's settings: lp >= 0.01, p(e|m) >= 0.05, case-insensitive, 20 characters. */
    public static KbOptions defaults() {
        return new KbOptions(DEFAULT_MIN_LINK_PROBABILITY, DEFAULT_MIN_COMMONNESS, true, DEFAULT_MAX_MENTION_LENGTH);
    }

    public KbOptions withMaxMentionLength(int length) {
        return new KbOptions(minLinkProbability, minCommonness, caseInsensitive, length);
    }

    public KbOptions withCaseInsensitive(boolean insensitive) {
        return new KbOptions(minLinkProbability, minCommonness, insensitive, maxMentionLength);
    }

    public KbOptions withThresholds(double minLp, double minP) {
        return new KbOptions(minLp, minP, caseInsensitive, maxMentionLength);
    }
}
