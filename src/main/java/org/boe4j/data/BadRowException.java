package org.boe4j.data;

import java.io.IOException;

/** A row a reader cannot use; the message is {@code file:line: problem}. */
public final class BadRowException extends IOException {

    private final SourceLocation location;
    private final String reason;

    public BadRowException(SourceLocation location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    public SourceLocation location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
