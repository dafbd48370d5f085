package org.boe4j.wiki;

import java.io.IOException;

/** The dump stream ended (or broke) in the middle of the XML, after {@code completePages} complete pages. */
public final class TruncatedDumpException extends IOException {

    private final long completePages;

    public TruncatedDumpException(String message, long completePages, Throwable cause) {
        super(message, cause);
        this.completePages = completePages;
    }

    public long completePages() {
        return completePages;
    }
}
