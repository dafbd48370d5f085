package org.boe4j.train;

import java.io.IOException;

/** A checkpoint (or best-model) directory that is partial, damaged or of an unknown format. */
public class CorruptCheckpointException extends IOException {

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
