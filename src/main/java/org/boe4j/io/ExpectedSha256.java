package org.boe4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A SHA-256 that something recorded for a file (a trained model's card, a manifest), with what to say when the file
 * no longer has it.
 *
 * @param sha256     the recorded checksum, lower-case hex
 * @param recordedBy who recorded it, as the message's phrase before the checksum ("the model M was trained with a
 *                   file of SHA-256")
 * @param remedy     what the user can do about a mismatch
 */
public record ExpectedSha256(String sha256, String recordedBy, String remedy) {

    /** Throws, naming the file, both checksums and the remedy, unless {@code actual} is the recorded checksum. */
    public void check(Path file, String actual) throws IOException {
        if (!actual.equals(sha256)) {
            throw new IOException(file + ": SHA-256 " + actual + ", but " + recordedBy + " " + sha256
                    + "; " + remedy);
        }
    }
}
