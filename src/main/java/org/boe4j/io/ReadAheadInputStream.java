package org.boe4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an input stream on a background thread, a few chunks ahead of the consumer, so that decompression
 * (bzip2: ~10-20 MB/s in Java) overlaps with parsing on another core. An exception of the underlying stream
 * (a truncated file, a corrupt block) reaches the consumer exactly where the data ends, as if it read the
 * stream itself.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK = 1 << 20;
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(8);
    private final Thread producer;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        this.source = source;
        this.producer = new Thread(this::produce, "read-ahead " + name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            while (!closed) {
                byte[] buffer = new byte[CHUNK];
                int n = source.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    put(n == CHUNK ? buffer : Arrays.copyOf(buffer, n));
                }
                if (n < CHUNK) {
                    put(END);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Object item) throws InterruptedException {
        while (!closed && !chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is slower; wait, unless it closed the stream
        }
    }

    /** Makes the next chunk current; returns false at the end of the data. */
    private boolean next() throws IOException {
        if (ended) {
            return false;
        }
        Object item;
        try {
            item = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for decompressed data");
        }
        if (item == END) {
            ended = true;
            return false;
        }
        if (item instanceof IOException e) {
            ended = true;
            throw new IOException(e.getMessage(), e);
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        current = (byte[]) item;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position == current.length && !next()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == current.length && !next()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        producer.interrupt();
        try {
            producer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
