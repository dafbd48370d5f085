package org.boe4j.train;

/**
 * Training produced a NaN or infinite loss or gradient norm. Policy: the update that would have used it is not
 * applied, no checkpoint is written after it, and the run stops; the message names the step and the last good
 * checkpoint so the user can resume from there (for example with a lower learning rate).
 */
public class NonFiniteLossException extends RuntimeException {

    public NonFiniteLossException(String message) {
        super(message);
    }
}
