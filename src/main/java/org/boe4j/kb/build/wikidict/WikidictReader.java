package org.boe4j.kb.build.wikidict;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Streams the rows {@code surface<TAB>English_Wikipedia_title<TAB>score} of {@code wikidict.tab.gz} (already
 * decompressed by the caller or gzip here), one line at a time: memory is one line plus the read buffer, whatever
 * the file size.
 *
 * <p>Bad input: a line that is not valid UTF-8, does not have exactly 3 tab-separated fields, or whose score is not a
 * number in (0, 1] is <em>malformed</em>. Malformed lines are skipped and counted up to {@code maxMalformed}; the next
 * one is an error naming the line ({@link WikidictFormatException}). A truncated or corrupt gzip stream is always an
 * error naming the last complete line (the build then leaves no KB file: it writes only after the whole input is
 * read).
 */
public final class WikidictReader {

    /** One row as written in the file; {@code line} is 1-based. */
    public record Row(String surface, String title, double score, long line) {
    }

    /** Receives the rows in file order. */
    @FunctionalInterface
    public interface RowHandler {
        void row(Row row) throws IOException;
    }

    private final String name;
    private final long maxMalformed;
    private long lines;
    private long malformed;
    private String firstMalformed;

    /**
     * @param name         the file name, for messages
     * @param maxMalformed how many malformed lines are skipped before the next one is an error (0: none)
     */
    public WikidictReader(String name, long maxMalformed) {
        this.name = name;
        this.maxMalformed = maxMalformed;
    }

    /** Lines read so far. */
    public long lines() {
        return lines;
    }

    /** Malformed lines skipped. */
    public long malformed() {
        return malformed;
    }

    /** "line N: why" of the first skipped line, or null. */
    public String firstMalformed() {
        return firstMalformed;
    }

    /** Reads every row of a plain (already decompressed) stream. */
    public void read(InputStream plain, RowHandler handler) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[4096];
        int len = 0;
        int n;
        while (true) {
            try {
                n = plain.read(buf);
            } catch (EOFException | ZipException e) {
                throw new WikidictFormatException(name, lines + 1, "the compressed stream is truncated or corrupt after "
                        + "line " + lines + " (" + e.getMessage() + "); no KB was written", e);
            }
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    lines++;
                    parse(line, len, utf8, handler);
                    len = 0;
                } else {
                    if (len == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[len++] = b;
                }
            }
        }
        if (len > 0) { // last line without a newline
            lines++;
            parse(line, len, utf8, handler);
        }
    }

    private void parse(byte[] bytes, int len, CharsetDecoder utf8, RowHandler handler) throws IOException {
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        String text;
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            malformed("invalid UTF-8 (" + e.getMessage() + ")");
            return;
        }
        int t1 = text.indexOf('\t');
        int t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
        if (t1 < 0 || t2 < 0 || text.indexOf('\t', t2 + 1) >= 0) {
            int fields = text.split("\t", -1).length;
            malformed("expected 3 tab-separated fields (surface, title, score), found " + fields);
            return;
        }
        String scoreText = text.substring(t2 + 1);
        double score;
        try {
            score = Double.parseDouble(scoreText);
        } catch (NumberFormatException e) {
            malformed("score '" + scoreText + "' is not a number");
            return;
        }
        if (!(score > 0 && score <= 1)) {
            malformed("score " + scoreText + " is outside (0, 1]");
            return;
        }
        handler.row(new Row(text.substring(0, t1), text.substring(t1 + 1, t2), score, lines));
    }

    private void malformed(String why) throws WikidictFormatException {
        malformed++;
        if (firstMalformed == null) {
            firstMalformed = "line " + lines + ": " + why;
        }
        if (malformed > maxMalformed) {
            throw new WikidictFormatException(name, lines, why + (maxMalformed > 0 ? " (more than " + maxMalformed
                    + " malformed lines; raise --max-malformed-lines to skip more)" : ""), null);
        }
    }
}
