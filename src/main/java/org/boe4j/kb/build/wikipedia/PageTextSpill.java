package org.boe4j.kb.build.wikipedia;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A temporary file with what pass 2 needs of each article (its plain text and the anchor ids of its links),
 * written during pass 1 so that pass 2 need not decompress, XML-parse and wikitext-parse the dump again
 * (bzip2 decompression alone runs at ~10-20 MB/s in Java). Gzip at the fastest level: measured 21% (enwiki
 * sample) and 25% (jawiki sample) of the uncompressed XML, so about as large as the .bz2/.xz dump itself.
 *
 * <p>Layout: per article {@code int textBytes, UTF-8 text, int n, n x int anchorId}; then {@code int -1}.
 */
final class PageTextSpill implements AutoCloseable {

    /** Receives one spilled article. */
    @FunctionalInterface
    interface ArticleVisitor {
        void article(String text, int[] anchorIds);
    }

    private final Path file;
    private final DataOutputStream out;
    private boolean finished;

    PageTextSpill(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.file = Files.createTempFile(directory, ".boe4j-pass2-", ".spill.gz");
        OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        this.out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
    }

    void write(String text, int[] anchorIds) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.writeInt(anchorIds.length);
        for (int id : anchorIds) {
            out.writeInt(id);
        }
    }

    /** Ends the file; returns its size in bytes. */
    long finish() throws IOException {
        if (!finished) {
            out.writeInt(-1);
            out.close();
            finished = true;
        }
        return Files.size(file);
    }

    /** Reads all articles back, in order; progress is reported in compressed bytes of the spill file. */
    void read(ArticleVisitor visitor, LongConsumer progress) throws IOException {
        finish();
        try (CountingInput counted = new CountingInput(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(counted, 1 << 16),
                     1 << 16))) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int length = in.readInt();
                if (length < 0) {
                    return;
                }
                if (length > buffer.length) {
                    buffer = new byte[Math.max(length, buffer.length * 2)];
                }
                in.readFully(buffer, 0, length);
                int[] ids = new int[in.readInt()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = in.readInt();
                }
                visitor.article(new String(buffer, 0, length, StandardCharsets.UTF_8), ids);
                progress.accept(counted.count);
            }
        } catch (EOFException e) {
            throw new IOException(file + ": the pass-2 spill file ends early (disk full or deleted?)", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                out.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Counts compressed bytes read. */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
