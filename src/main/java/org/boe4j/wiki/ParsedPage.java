package org.boe4j.wiki;

import java.util.List;

/**
 * The readable content of one article: its plain text (what a reader sees in running prose: link anchors
 * included, templates, tables, references, comments, headings and markup removed) and its article links.
 */
public record ParsedPage(String text, List<WikiLink> links) {
}
