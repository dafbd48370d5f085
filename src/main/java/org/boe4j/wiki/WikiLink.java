package org.boe4j.wiki;

/**
 * An internal link to an article, as found in a page's wikitext.
 *
 * @param target the normalised title of the linked page (section dropped, redirect not yet resolved)
 * @param anchor the link's visible text as plain text ({@code [[Target|anchor]]}, or the target as written)
 */
public record WikiLink(String target, String anchor) {
}
