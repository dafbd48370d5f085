package org.boe4j.data;

import java.util.Optional;

/**
 * The text of a Wikipedia page, looked up by page id (and title, for sources that key by title or to detect a
 * page id that now names another page). SHINRA2020-ML annotates pages but does not ship their text; an
 * implementation backed by a Wikipedia dump of the same language is connected by the caller (the dump reader
 * lives in {@code org.boe4j.kb.build.wikipedia}, which {@code data} must not import).
 */
@FunctionalInterface
public interface PageTextSource {

    /** The plain text of the page, or empty if the source does not have it. */
    Optional<String> text(long pageId, String title);
}
