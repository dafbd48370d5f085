package org.boe4j.data;

import java.util.Objects;

/** Where a row came from: a file (or classpath resource) name and a 1-based physical line number. */
public record SourceLocation(String file, long line) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    /** {@code file:line}, the form editors and compilers use, so a message can be clicked through. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
