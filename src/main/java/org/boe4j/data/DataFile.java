package org.boe4j.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A named source of bytes: a file on disk or a resource on the classpath (the embedded SIB-200 copy). Readers
 * only need a name for messages and a way to open the bytes.
 */
public interface DataFile {

    /** The name used in messages and provenance: a path, or {@code classpath:/...}. */
    String name();

    InputStream open() throws IOException;

    static DataFile of(Path path) {
        return new DataFile() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }
        };
    }

    /** A classpath resource given by its absolute path without the leading slash, e.g. {@code org/boe4j/...}. */
    static DataFile resource(String resourcePath) {
        return new DataFile() {
            @Override
            public String name() {
                return "classpath:/" + resourcePath;
            }

            @Override
            public InputStream open() throws IOException {
                InputStream in = DataFile.class.getClassLoader().getResourceAsStream(resourcePath);
                if (in == null) {
                    throw new FileNotFoundException("no classpath resource " + resourcePath);
                }
                return in;
            }
        };
    }
}
