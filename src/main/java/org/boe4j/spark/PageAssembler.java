package org.boe4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.wiki.SiteInfo;

/**
 * Turns the lines of one dump split into page records, lazily (one page in memory at a time).
 *
 * <p>Lines come from Hadoop's text input format, which reads splittable bzip2 block-aligned and hands every line
 * to exactly one split. A MediaWiki export writes {@code <page>} and {@code </page>} each on a line of its own,
 * and inside a page's text {@code <} is always escaped as {@code &lt;}, so a line that is exactly
 * {@code <page>} (white space aside) starts a page and nothing else. A split's complete pages are parsed here;
 * what lies before its first {@code <page>} line (the end of a page begun in an earlier split, or the dump's
 * preamble) and its last page when it does not close are emitted as fragments, which the driver joins in split
 * order (at most a few per split) and parses with the same code.
 */
final class PageAssembler implements Iterator<PageRecord> {

    private final int split;
    private final Iterator<String> lines;
    private final PagePass pass;
    private final ArrayDeque<PageRecord> ready = new ArrayDeque<>();
    private StringBuilder head = new StringBuilder(); // until the first <page> line or a closing </page>
    private StringBuilder page;
    private long pageIndex;
    private boolean sawEnd;
    private boolean finished;

    PageAssembler(int split, Iterator<String> lines, SiteInfo site, AnchorOptions options, String dumpName) {
        this.split = split;
        this.lines = lines;
        this.pass = new PagePass(site, options, dumpName + ", split " + split);
    }

    static boolean isPageStart(String line) {
        return line.strip().equals("<page>");
    }

    static boolean isPageEnd(String line) {
        return line.strip().equals("</page>");
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !finished) {
            step();
        }
        return !ready.isEmpty();
    }

    @Override
    public PageRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void step() {
        if (!lines.hasNext()) {
            finish();
            return;
        }
        String line = lines.next();
        if (isPageStart(line)) {
            if (head != null) {
                emitHead(false);
            }
            if (page != null) {
                throw new UncheckedIOException(new IOException("split " + split + ": a <page> line inside an "
                        + "unclosed page; not a MediaWiki export with one <page> tag per line"));
            }
            page = new StringBuilder(4096).append(line).append('\n');
        } else if (page != null) {
            page.append(line).append('\n');
            if (isPageEnd(line)) {
                try {
                    pass.page(page.toString(), PageRecord.order(split, pageIndex++), ready::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                page = null;
            }
        } else if (head != null) {
            head.append(line).append('\n');
            if (isPageEnd(line)) {
                emitHead(true);
            }
        } else if (line.strip().equals("</mediawiki>")) {
            sawEnd = true;
        }
    }

    private void emitHead(boolean closesPage) {
        String text = head.toString();
        head = null;
        if (text.contains("</mediawiki>")) {
            sawEnd = true;
        }
        if (closesPage || !text.isBlank()) {
            ready.add(PageRecord.fragment(split, true, closesPage, text));
        }
    }

    private void finish() {
        finished = true;
        if (head != null) {
            emitHead(false);
        }
        if (page != null) {
            ready.add(PageRecord.fragment(split, false, false, page.toString()));
            page = null;
        }
        ready.add(PageRecord.stats(split, pass.counts.clone(), sawEnd));
    }
}
