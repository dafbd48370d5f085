package org.boe4j.wiki;

/**
 * One complete {@code <page>} of a MediaWiki XML export.
 *
 * @param title          the page title as in the dump
 * @param namespace      the {@code <ns>} value (0 = article)
 * @param redirectTarget the {@code <redirect title="..."/>} target, or null when the page is not a redirect
 * @param text           the wikitext of the (last) revision, "" when absent
 * @param id             the page's {@code <id>} (not the revision's), or -1 when absent
 */
public record DumpPage(String title, int namespace, String redirectTarget, String text, long id) {

    /** A page without a known id. */
    public DumpPage(String title, int namespace, String redirectTarget, String text) {
        this(title, namespace, redirectTarget, text, -1);
    }

    public boolean isRedirect() {
        return redirectTarget != null;
    }
}
