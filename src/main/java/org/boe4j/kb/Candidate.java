package org.boe4j.kb;

/**
 * One candidate entity of a surface form.
 *
 * @param entity     the entity title: a page title of the dictionary's language, or an English Wikipedia title
 *                   once mapped (see {@link EntitySpace})
 * @param commonness p(e|m) = links with anchor m to e / links with anchor m (docs/method.md §1)
 */
public record Candidate(String entity, float commonness) {
}
