package org.boe4j.model;

import java.util.List;

/**
 * Everything the model did with one document, for an auditor (docs/method.md §2-6): the word pieces, the mentions found
 * and their candidates mapped to English, the bag of entities the head saw with each entity's features
 * phi = [cos(h, v_e), p(e|m)], score W_a^T phi and attention weight a_e, and the class probabilities with the
 * entity term (logits = W (h + z) + b) and without it (W h + b).
 *
 * @param truncated         whether the text is longer than the encoder's window; then only its first
 *                          {@code windowEnd} characters are read, for the word pieces and the entities alike
 * @param windowEnd         UTF-16 end of the part of the text the model read (the text's length unless truncated)
 * @param entitiesDropped   entities linked beyond the model's maxEntitiesPerDocument (not in the bag)
 * @param attentionWeights  W_a (null unless the variant uses attention)
 * @param hNorm             |h|, the length of the document vector
 * @param zNorm             |z|, the length of the entity term (0 without entities), before the gate
 * @param gate              g of the gate option (features = h + g z), or null when the model has no gate (h + z)
 * @param commonnessUsed    false when the model was trained with the commonness feature off (fed as 0)
 * @param entityInit        how the entity table was initialised (null when the model did not record it)
 */
public record Explanation(String text, String language, String variant, boolean truncated, int windowEnd,
                          List<Token> tokens, List<MentionView> mentions,
                          List<BagEntity> bag, int entitiesDropped, double[] attentionWeights, double hNorm,
                          double zNorm, Double gate, boolean commonnessUsed, String entityInit, List<String> labels,
                          Scores withEntities, Scores withoutEntities) {

    /** One word piece and the UTF-16 span of the text it came from ([0, 0) for [CLS] and [SEP]). */
    public record Token(int index, String piece, int id, int start, int end, boolean special) {
    }

    /** A mention of the KB's dictionary for the text's language: UTF-16 span, lp(m), candidates. */
    public record MentionView(int start, int end, String surface, float linkProbability,
                              List<CandidateView> candidates) {
    }

    /**
     * A candidate of a mention, mapped to English (docs/method.md §3).
     *
     * @param english     the English entity title
     * @param commonness  p(e|m) (summed over the local entities that map to the same English entity, capped at 1)
     * @param row         its row in the model's entity table, or -1 when the table has none (then it is not used)
     * @param localTitles the entities of the text's language that map to it (the title itself for English)
     */
    public record CandidateView(String english, float commonness, int row, List<String> localTitles) {
    }

    /**
     * One entity of the bag, in the order the model saw it.
     *
     * @param cosine       cos(h, v_e) (null for the -att variant, which does not compute it)
     * @param score        W_a^T [cos, p] as the graph computed it ({@code boe.attention_scores}; null for -att; p is
     *                     0 when the commonness feature is off)
     * @param attention    a_e (for -att: 1 / number of entities)
     * @param vectorNorm   |v_e| of the trained table
     * @param vectorOrigin what v_e was initialised from ("name", "wikipedia2vec", "random (not in the file)", ...;
     *                     null when the model did not record it)
     */
    public record BagEntity(int slot, int row, String english, float commonness, int mentionStart, int mentionEnd,
                            String surface, Double cosine, Double score, double attention, double vectorNorm,
                            String vectorOrigin) {
    }

    /** Logits and probabilities over the labels, and the labels predicted from them. */
    public record Scores(double[] logits, double[] probabilities, List<String> predicted) {
    }
}
