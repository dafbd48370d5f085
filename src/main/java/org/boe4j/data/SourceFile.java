package org.boe4j.data;

import java.util.Objects;

/** A file a dataset was read from, with the SHA-256 of its bytes (lower-case hex) for provenance. */
public record SourceFile(String name, String sha256, long bytes) {

    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
    }
}
