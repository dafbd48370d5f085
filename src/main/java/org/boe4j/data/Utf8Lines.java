package org.boe4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Physical lines of a UTF-8 file, decoded strictly, with their 1-based numbers, while computing the SHA-256 of
 * the bytes.
 *
 * <p>Why not an {@code InputStreamReader}: its default decoder silently replaces malformed bytes by U+FFFD, and
 * with {@link CodingErrorAction#REPORT} it throws without saying where. Splitting on the byte 0x0A first is safe
 * in UTF-8 (0x0A never occurs inside a multi-byte sequence), and decoding each line on its own with REPORT gives
 * the exact line and byte column of any malformed sequence, so that a reader can fail or skip that one row.
 *
 * <p>A UTF-8 byte-order mark at the start of the file is dropped. Line terminators ({@code \n} or {@code \r\n})
 * are kept apart from the text; a final line without terminator is still a line.
 */
public final class Utf8Lines implements Closeable {

    /** One physical line: its text without terminator, the terminator, or why it could not be decoded. */
    public record Line(long number, String text, String terminator, String malformed) {
        public boolean isMalformed() {
            return malformed != null;
        }
    }

    private final String name;
    private final DigestInputStream digestIn;
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLimit;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf = new byte[8192];
    private long lineNumber;
    private long bytesRead;
    private boolean eof;
    private String sha256;

    public Utf8Lines(DataFile file) throws IOException {
        this.name = file.name();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        this.digestIn = new DigestInputStream(file.open(), sha);
        this.in = digestIn;
    }

    public String name() {
        return name;
    }

    /** The next line, or null at the end of the file. */
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        int len = 0;
        boolean newline = false;
        while (!newline) {
            if (chunkPos == chunkLimit) {
                int n = in.read(chunk);
                if (n == -1) {
                    eof = true;
                    break;
                }
                chunkPos = 0;
                chunkLimit = n;
                bytesRead += n;
            }
            int from = chunkPos;
            while (chunkPos < chunkLimit && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            if (chunkPos < chunkLimit) {
                chunkPos++; // include the terminator
                newline = true;
            }
            int n = chunkPos - from;
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(chunk, from, buf, len, n);
            len += n;
        }
        if (eof && len == 0) {
            return null;
        }
        lineNumber++;
        int textEnd = len;
        String terminator = "";
        if (textEnd > 0 && buf[textEnd - 1] == '\n') {
            textEnd--;
            terminator = "\n";
            if (textEnd > 0 && buf[textEnd - 1] == '\r') {
                textEnd--;
                terminator = "\r\n";
            }
        }
        int start = 0;
        if (lineNumber == 1 && textEnd >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
                && (buf[2] & 0xFF) == 0xBF) {
            start = 3; // UTF-8 byte-order mark
        }
        return decode(start, textEnd, terminator);
    }

    private Line decode(int start, int end, String terminator) {
        ByteBuffer bytes = ByteBuffer.wrap(buf, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start); // UTF-8 never yields more chars than bytes
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            int at = bytes.position();
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < r.length() && at + i < end; i++) {
                hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", buf[at + i] & 0xFF));
            }
            String why = "malformed UTF-8 at byte " + (at - start + 1) + " of the line (" + hex
                    + "); the file must be UTF-8";
            return new Line(lineNumber, null, terminator, why);
        }
        chars.flip();
        return new Line(lineNumber, chars.toString(), terminator, null);
    }

    /** Lines delivered so far. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Reads to the end of the file (if not there yet) and returns the SHA-256 of all its bytes. */
    public SourceFile finish() throws IOException {
        if (sha256 == null) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                bytesRead += n;
            }
            chunkPos = chunkLimit;
            eof = true;
            sha256 = HexFormat.of().formatHex(digestIn.getMessageDigest().digest());
        }
        return new SourceFile(name, sha256, bytesRead);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
