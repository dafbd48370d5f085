package org.boe4j.data;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A {@link Reader} over {@link Utf8Lines} for parsers that want characters (Commons CSV): lines that are not
 * valid UTF-8 go to the {@link BadRowReport} (which throws under FAIL, or records and drops the line under SKIP),
 * and the reader remembers at which character offset each physical line starts, so that a parser's character
 * position can be turned back into the line number the user sees in an editor ({@link #lineAt}).
 */
final class StrictUtf8Reader extends Reader {

    private final Utf8Lines lines;
    private final BadRowReport bad;
    private String current = "";
    private int pos;
    private long delivered; // characters handed out so far
    private long[] lineStartChar = new long[1024];
    private long[] lineNumber = new long[1024];
    private int indexed;

    StrictUtf8Reader(Utf8Lines lines, BadRowReport bad) {
        this.lines = lines;
        this.bad = bad;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == current.length()) {
            Utf8Lines.Line line = lines.next();
            if (line == null) {
                return -1;
            }
            if (line.isMalformed()) {
                bad.reject(new SourceLocation(lines.name(), line.number()), line.malformed());
                continue;
            }
            index(delivered + pos, line.number());
            delivered += current.length();
            current = line.text() + line.terminator();
            pos = 0;
        }
        int n = Math.min(len, current.length() - pos);
        current.getChars(pos, pos + n, cbuf, off);
        pos += n;
        return n;
    }

    private void index(long startChar, long number) {
        if (indexed == lineStartChar.length) {
            lineStartChar = Arrays.copyOf(lineStartChar, indexed * 2);
            lineNumber = Arrays.copyOf(lineNumber, indexed * 2);
        }
        lineStartChar[indexed] = startChar;
        lineNumber[indexed] = number;
        indexed++;
    }

    /** The physical (1-based) line number of the character at {@code charPosition} (0-based, as delivered). */
    long lineAt(long charPosition) {
        int i = Arrays.binarySearch(lineStartChar, 0, indexed, charPosition);
        if (i < 0) {
            i = -i - 2; // the last line starting before the position
        }
        return i < 0 ? 1 : lineNumber[i];
    }

    /** The physical line number of the n-th (1-based) line this reader delivered (dropped lines not counted). */
    long physicalLine(long deliveredLine) {
        if (indexed == 0) {
            return 1;
        }
        int i = (int) Math.max(0, Math.min(indexed - 1, deliveredLine - 1));
        return lineNumber[i];
    }

    /** Does not close the lines: their owner still needs them for {@link Utf8Lines#finish()}. */
    @Override
    public void close() {
    }
}
