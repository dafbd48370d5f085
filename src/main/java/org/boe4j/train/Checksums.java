package org.boe4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** SHA-256 checksums of files and of named sets of files, as lower-case hex. */
public final class Checksums {

    private Checksums() {
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * One checksum for a set of named items: SHA-256 of the lines {@code name + " " + itemSha256 + "\n"} in name
     * order, so it does not depend on the order the items were written in.
     */
    public static String combined(Map<String, String> itemChecksums) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(itemChecksums).entrySet()) {
            text.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        return sha256(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
