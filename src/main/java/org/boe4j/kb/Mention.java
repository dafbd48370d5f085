package org.boe4j.kb;

import java.util.List;

/**
 * One dictionary surface form found in a text.
 *
 * @param start           UTF-16 index of the first char in the original text
 * @param end             UTF-16 index after the last char (so {@code text.substring(start, end)} is the mention)
 * @param surface         the mention as written in the text
 * @param linkProbability lp(m) of the matched surface
 * @param candidates      all candidate entities, most common first (no disambiguation, as in the paper)
 */
public record Mention(int start, int end, String surface, float linkProbability, List<Candidate> candidates) {
}
