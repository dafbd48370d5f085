package org.boe4j.kb.build.wikidict;

import java.io.IOException;

/** The dictionary file is malformed: names the file and line, and what was expected. */
public final class WikidictFormatException extends IOException {

    private final long line;

    public WikidictFormatException(String file, long line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.line = line;
    }

    /** The 1-based line number the problem was found at. */
    public long line() {
        return line;
    }
}
