package org.boe4j.kb.build.wikidata;

import java.io.IOException;

/** The Wikidata dump has more malformed lines than allowed, or does not have the dump layout at all. */
public final class MalformedDumpException extends IOException {

    public MalformedDumpException(String message) {
        super(message);
    }
}
