package org.boe4j.kb.build.wikipedia;

import org.boe4j.kb.SurfaceNormalizer;

import java.io.Serializable;

/**
 * How anchors are counted, with Wikipedia2Vec's defaults ({@code MentionDB.build}: case-insensitive, mentions at
 * most 20 characters).
 *
 * @param caseSensitive    false: anchors and text are case-folded on both sides before matching (KbOptions)
 * @param maxMentionLength links whose anchor is longer (in code points) are not counted, as in Wikipedia2Vec
 * @param maxRedirectHops  redirect chains longer than this (or cyclic) are left unresolved
 * @param language         language code of the dump ("ja", "en"): the KB dictionary it feeds
 * @param allowTruncated   keep the complete pages of a dump that ends mid-XML instead of failing
 */
public record AnchorOptions(boolean caseSensitive, int maxMentionLength, int maxRedirectHops, String language,
        boolean allowTruncated) implements Serializable {

    public static final int DEFAULT_MAX_MENTION_LENGTH = 20;
    public static final int DEFAULT_MAX_REDIRECT_HOPS = 10;

    public AnchorOptions {
        if (maxMentionLength < 1) {
            throw new IllegalArgumentException("maxMentionLength must be >= 1, got " + maxMentionLength);
        }
        if (maxRedirectHops < 1) {
            throw new IllegalArgumentException("maxRedirectHops must be >= 1, got " + maxRedirectHops);
        }
    }

    /** Wikipedia2Vec's defaults for a dump in {@code language}. */
    public static AnchorOptions defaults(String language) {
        return new AnchorOptions(false, DEFAULT_MAX_MENTION_LENGTH, DEFAULT_MAX_REDIRECT_HOPS, language, false);
    }

    public AnchorOptions withAllowTruncated(boolean allow) {
        return new AnchorOptions(caseSensitive, maxMentionLength, maxRedirectHops, language, allow);
    }

    public AnchorOptions withCaseSensitive(boolean sensitive) {
        return new AnchorOptions(sensitive, maxMentionLength, maxRedirectHops, language, allowTruncated);
    }

    public AnchorOptions withMaxMentionLength(int length) {
        return new AnchorOptions(caseSensitive, length, maxRedirectHops, language, allowTruncated);
    }

    /**
     * The form in which an anchor is counted and matched: the KB's own surface normalisation (NFKC, case-folded
     * unless case-sensitive, white space collapsed), so that build-time counts and query-time extraction agree.
     */
    public String anchorKey(String anchor) {
        return normalizer().normalize(anchor);
    }

    /** The KB's surface normaliser for these options. */
    public SurfaceNormalizer normalizer() {
        return caseSensitive ? CASE_SENSITIVE : CASE_INSENSITIVE;
    }

    private static final SurfaceNormalizer CASE_SENSITIVE = new SurfaceNormalizer(false);
    private static final SurfaceNormalizer CASE_INSENSITIVE = new SurfaceNormalizer(true);
}
