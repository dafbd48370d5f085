package org.boe4j.kb.build.wikipedia;

/**
 * One complete {@code <page>} of a MediaWiki XML export.
 *
 * @param title          the page title as in the dump
 * @param namespace      the {@code <ns>} value (0 = article)
 * @param redirectTarget the {@code <redirect title="..."/>} target, or null when the page is not a redirect
 * @param text           the wikitext of the (last) revision, "" when absent
 */
public record DumpPage(String title, int namespace, String redirectTarget, String text) {

    public boolean isRedirect() {
        return redirectTarget != null;
    }
}
