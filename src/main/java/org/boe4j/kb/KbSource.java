package org.boe4j.kb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Provenance of one input of a KB build.
 *
 * @param kind        what it is ("wikipedia-dump", "wikidata-dump", "icu4j", "kb-merge", ...)
 * @param name        file name, artifact coordinates or version string
 * @param sha256      hex SHA-256 of the input file, or empty when the input is not a file (ICU's data)
 * @param bytes       size of the input in bytes, or -1 when not a file
 * @param description free text (languages, dump date, options)
 */
public record KbSource(String kind, String name, String sha256, long bytes, String description) {

    /** Describes an input file, computing its SHA-256 (reads the whole file once). */
    public static KbSource ofFile(String kind, Path file, String description) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                total += n;
            }
        }
        return new KbSource(kind, file.getFileName().toString(), HexFormat.of().formatHex(sha.digest()), total,
                description);
    }
}
