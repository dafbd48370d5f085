package org.boe4j.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens a possibly compressed dump file (plain, .gz, .bz2, .xz) as a decompressed stream, and counts the
 * compressed bytes consumed so that progress can be shown against the file size.
 *
 * <p>The format is decided by the file's magic bytes; an extension that promises another compression than
 * the bytes show is an error naming both (a mislabelled file would otherwise be parsed as garbage).
 * Concatenated members/streams are read through (Wikipedia's "multistream" .bz2 dumps, pigz output).
 */
public final class CompressedInput implements AutoCloseable {

    /** A compression format, with its magic bytes and the file extension that names it. */
    public enum Compression {
        PLAIN(null, new byte[0]),
        GZIP(".gz", new byte[] {0x1f, (byte) 0x8b}),
        BZIP2(".bz2", new byte[] {'B', 'Z', 'h'}),
        XZ(".xz", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0});

        final String extension;
        final byte[] magic;

        Compression(String extension, byte[] magic) {
            this.extension = extension;
            this.magic = magic;
        }

        static Compression fromMagic(byte[] head, int n) {
            for (Compression c : values()) {
                if (c != PLAIN && n >= c.magic.length && startsWith(head, c.magic)) {
                    return c;
                }
            }
            return PLAIN;
        }

        static Compression fromExtension(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            for (Compression c : values()) {
                if (c.extension != null && lower.endsWith(c.extension)) {
                    return c;
                }
            }
            return PLAIN;
        }

        private static boolean startsWith(byte[] head, byte[] magic) {
            for (int i = 0; i < magic.length; i++) {
                if (head[i] != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Path file;
    private final long fileSize;
    private final Compression compression;
    private final CountingStream counting;
    private final CountingStream uncompressed;
    private final InputStream stream;

    private CompressedInput(Path file, long fileSize, Compression compression, CountingStream counting,
            CountingStream uncompressed, InputStream stream) {
        this.file = file;
        this.fileSize = fileSize;
        this.compression = compression;
        this.counting = counting;
        this.uncompressed = uncompressed;
        this.stream = stream;
    }

    /** Opens {@code file}, detecting its compression from the magic bytes (checked against the extension). */
    public static CompressedInput open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Like {@link #open(Path)}; with {@code readAhead}, a background thread decompresses a few MB ahead of the
     * reader (overlapping decompression with parsing; errors still surface where the data ends).
     */
    public static CompressedInput open(Path file, boolean readAhead) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("dump file not found: " + file);
        }
        long size = Files.size(file);
        CountingStream counting = new CountingStream(Files.newInputStream(file));
        BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16);
        try {
            byte[] head = new byte[6];
            buffered.mark(head.length);
            int n = buffered.readNBytes(head, 0, head.length);
            buffered.reset();
            Compression byMagic = Compression.fromMagic(head, n);
            Compression byName = Compression.fromExtension(file.getFileName().toString());
            if (byName != Compression.PLAIN && byName != byMagic) {
                throw new IOException(String.format(Locale.ROOT,
                        "%s: the extension says %s but the file starts with bytes %s (%s)", file, byName,
                        HexFormat.ofDelimiter(" ").formatHex(head, 0, n), byMagic));
            }
            InputStream decompressed;
            try {
                decompressed = switch (byMagic) {
                    case PLAIN -> buffered;
                    case GZIP -> new GZIPInputStream(buffered, 1 << 16);
                    case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
                    case XZ -> new XZInputStream(buffered);
                };
            } catch (IOException e) { // the decoders read their first block eagerly
                throw new IOException(file + ": cannot start decompressing (" + byMagic + "): " + e.getMessage(), e);
            }
            CountingStream plain = new CountingStream(decompressed);
            InputStream consumer = readAhead && byMagic != Compression.PLAIN
                    ? new ReadAheadInputStream(plain, file.getFileName().toString())
                    : new BufferedInputStream(plain, 1 << 16);
            return new CompressedInput(file, size, byMagic, counting, plain, consumer);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    /** The decompressed content. */
    public InputStream stream() {
        return stream;
    }

    public Path file() {
        return file;
    }

    /** Size of the (compressed) file in bytes. */
    public long fileSize() {
        return fileSize;
    }

    /** Compressed bytes read from the file so far (for progress: compare with {@link #fileSize()}). */
    public long compressedBytesRead() {
        return counting.count;
    }

    /** Decompressed bytes produced so far (for throughput in MB of XML per second). */
    public long uncompressedBytesRead() {
        return uncompressed.count;
    }

    public Compression compression() {
        return compression;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Counts the bytes that pass through; a single reader thread, so a plain field is enough. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
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

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
