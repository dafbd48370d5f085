package org.boe4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.boe4j.kb.KbSource;

/**
 * Dump files as Spark reads them: any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}), decompressed
 * by Hadoop's codecs. Only codecs Hadoop can read are accepted: bzip2 (splittable: many tasks per file), gzip (one
 * task per file) and plain text; a {@code .xz} or {@code .7z} file is refused with what to do instead.
 */
final class DumpFiles {

    private DumpFiles() {
    }

    /** Refuses a file whose compression Hadoop cannot decode (it would read compressed bytes as text). */
    static void checkReadable(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".xz", ".7z", ".zst", ".lzma"}) {
            if (name.endsWith(ext)) {
                throw new IllegalArgumentException(file + ": Spark reads .bz2 (splittable), .gz or uncompressed"
                        + " dumps; recompress this one, e.g. `xz -dc " + file + " | bzip2 > dump.xml.bz2`");
            }
        }
    }

    /** The decompressed content of a file (for its first bytes: the siteinfo). */
    static InputStream open(String file, Configuration conf) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        InputStream raw = fs.open(path);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        return codec == null ? raw : codec.createInputStream(raw);
    }

    static long size(String file, Configuration conf) throws IOException {
        Path path = new Path(file);
        return path.getFileSystem(conf).getFileStatus(path).getLen();
    }

    /** The same provenance as {@link KbSource#ofFile} (file name, SHA-256, size), read through Hadoop. */
    static KbSource source(String kind, String file, Configuration conf) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        Path path = new Path(file);
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                total += n;
            }
        }
        return new KbSource(kind, path.getName(), HexFormat.of().formatHex(sha.digest()), total, "");
    }
}
