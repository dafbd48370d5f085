package org.boe4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checksums of files and bytes, as lower-case hex. */
public final class Checksums {

    private Checksums() {
    }

    public static String sha256(Path file) throws IOException {
        return hash(file, digest());
    }

    /** The digest of a file under another algorithm ("SHA-1" for a Maven artifact's published checksum). */
    public static String digest(Path file, String algorithm) throws IOException {
        try {
            return hash(file, MessageDigest.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no " + algorithm + " digest in this JVM", e);
        }
    }

    private static String hash(Path file, MessageDigest md) throws IOException {
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

    /** A fresh SHA-256 digest, for callers that hash bytes they read anyway (one read instead of two). */
    public static MessageDigest newSha256() {
        return digest();
    }

    /** The digest's value as lower-case hex (resets it). */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
