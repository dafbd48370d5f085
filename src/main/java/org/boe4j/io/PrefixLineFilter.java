package org.boe4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that drops every line starting with a given prefix and passes every other byte through at
 * once. Only the start of a line is held back, and only while it still matches the prefix, so that progress lines
 * redrawn with {@code \r} and output of other threads are not delayed. A line is what ends with {@code \n}.
 */
final class PrefixLineFilter extends OutputStream {

    private final OutputStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** Bytes of the current line that matched the prefix so far; -1: the line is passed; -2: the line is dropped. */
    private int matched;

    PrefixLineFilter(OutputStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (matched == -2) {
            if (b == '\n') {
                matched = 0;
            }
            return;
        }
        if (matched == -1) {
            target.write(b);
            if (b == '\n') {
                matched = 0;
            }
            return;
        }
        if ((byte) b == prefix[matched]) {
            held.write(b);
            matched++;
            if (matched == prefix.length) {
                held.reset();
                matched = -2;
            }
            return;
        }
        release();
        target.write(b);
        matched = b == '\n' ? 0 : -1;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    /** Flushes the target; a held line start stays held (it may still become a dropped line). */
    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    /** Writes out a held line start (the filtered output ends) and flushes; the target stays open. */
    synchronized void finish() throws IOException {
        release();
        matched = 0;
        target.flush();
    }

    private void release() throws IOException {
        held.writeTo(target);
        held.reset();
    }
}
