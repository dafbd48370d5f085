package org.boe4j.kb.build.wordfreq;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * General word frequencies of one language: wordfreq's "small" list (Robyn Speer, CC BY-SA 4.0; words seen about
 * once per million tokens or more), read from the embedded {@code org/boe4j/kb/wordfreq/small_<lang>.msgpack.gz}.
 *
 * <p>Format "cBpack" v1: a gzipped MessagePack array, element 0 the header map {@code {"format": "cB",
 * "version": 1}}, element i >= 1 the words whose frequency rounds to -(i - 1) centibels, so
 * {@code frequency = 10^(-(i-1)/100)} per token and {@code Zipf = log10(frequency per 10^9 tokens) = 9 - (i-1)/100}.
 * Only the MessagePack types this format uses are read (arrays, maps, strings, small integers); anything else is
 * an error naming the byte offset.
 */
public final class WordFrequencies {

    /** Languages with an embedded list. */
    public static final Set<String> EMBEDDED = Set.of("en", "fr", "de", "it", "es", "ru", "ja", "zh", "ar", "he",
            "hi", "ko");

    private static final Map<String, WordFrequencies> CACHE = new ConcurrentHashMap<>();

    private final String language;
    /** word -> centibel bucket (i - 1 of the format): frequency = 10^(-bucket/100). */
    private final Map<String, Short> bucket;

    private WordFrequencies(String language, Map<String, Short> bucket) {
        this.language = language;
        this.bucket = bucket;
    }

    /** The embedded list of a language (cached), or null when none is embedded. */
    public static WordFrequencies embedded(String language) {
        if (!EMBEDDED.contains(language)) {
            return null;
        }
        return CACHE.computeIfAbsent(language, l -> {
            String resource = "/org/boe4j/kb/wordfreq/small_" + l + ".msgpack.gz";
            try (InputStream in = WordFrequencies.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("wordfreq resource " + resource + " is not on the class path");
                }
                return read(l, in, resource);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource, e);
            }
        });
    }

    /** Reads a gzipped cBpack stream; {@code name} appears in error messages. */
    public static WordFrequencies read(String language, InputStream gzipped, String name) throws IOException {
        Reader r = new Reader(new DataInputStream(new BufferedInputStream(new GZIPInputStream(gzipped))), name);
        int buckets = r.arrayHeader();
        if (buckets < 1) {
            throw new IOException(name + ": empty cBpack (no header)");
        }
        int headerEntries = r.mapHeader();
        Map<String, Object> header = new HashMap<>();
        for (int i = 0; i < headerEntries; i++) {
            String key = r.string();
            header.put(key, r.stringOrInt());
        }
        if (!"cB".equals(header.get("format")) || !Integer.valueOf(1).equals(header.get("version"))) {
            throw new IOException(name + ": not a cBpack v1 file (header " + header + ")");
        }
        Map<String, Short> bucket = new HashMap<>(1 << 17);
        for (int i = 1; i < buckets; i++) {
            int words = r.arrayHeader();
            for (int w = 0; w < words; w++) {
                bucket.putIfAbsent(r.string(), (short) (i - 1));
            }
        }
        return new WordFrequencies(language, bucket);
    }

    public String language() {
        return language;
    }

    public int size() {
        return bucket.size();
    }

    /** Frequency per token of a word as wordfreq stores it (lower case), or 0 when the list lacks it. */
    public double frequency(String word) {
        Short b = bucket.get(word);
        return b == null ? 0 : Math.pow(10, -b / 100.0);
    }

    /** Zipf value (log10 of occurrences per 10^9 tokens), or 0 when the list lacks the word. */
    public double zipf(String word) {
        Short b = bucket.get(word);
        return b == null ? 0 : 9 - b / 100.0;
    }

    /** Words of the list, sorted (for tests and reports). */
    public Set<String> words() {
        return new TreeSet<>(bucket.keySet());
    }

    /** The subset of MessagePack cBpack uses. */
    private static final class Reader {
        private final DataInputStream in;
        private final String name;
        private long offset;

        Reader(DataInputStream in, String name) {
            this.in = in;
            this.name = name;
        }

        private int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(name + ": truncated at byte " + offset + " of the decompressed MessagePack");
            }
            offset++;
            return b;
        }

        private int u16() throws IOException {
            return (u8() << 8) | u8();
        }

        private int u32() throws IOException {
            long v = ((long) u16() << 16) | u16();
            if (v > Integer.MAX_VALUE) {
                throw new IOException(name + ": length " + v + " too large at byte " + offset);
            }
            return (int) v;
        }

        int arrayHeader() throws IOException {
            int t = u8();
            if ((t & 0xF0) == 0x90) {
                return t & 0x0F;
            }
            if (t == 0xDC) {
                return u16();
            }
            if (t == 0xDD) {
                return u32();
            }
            throw unexpected(t, "an array");
        }

        int mapHeader() throws IOException {
            int t = u8();
            if ((t & 0xF0) == 0x80) {
                return t & 0x0F;
            }
            if (t == 0xDE) {
                return u16();
            }
            throw unexpected(t, "a map");
        }

        String string() throws IOException {
            return stringOfType(u8());
        }

        Object stringOrInt() throws IOException {
            int t = u8();
            if (t <= 0x7F) {
                return t;
            }
            return stringOfType(t);
        }

        private String stringOfType(int t) throws IOException {
            int n;
            if ((t & 0xE0) == 0xA0) {
                n = t & 0x1F;
            } else if (t == 0xD9) {
                n = u8();
            } else if (t == 0xDA) {
                n = u16();
            } else if (t == 0xDB) {
                n = u32();
            } else {
                throw unexpected(t, "a string");
            }
            byte[] b = new byte[n];
            try {
                in.readFully(b);
            } catch (EOFException e) {
                throw new EOFException(name + ": truncated inside a string at byte " + offset);
            }
            offset += n;
            return new String(b, StandardCharsets.UTF_8);
        }

        private IOException unexpected(int type, String expected) {
            return new IOException(String.format(Locale.ROOT, "%s: byte %d: expected %s, found MessagePack "
                    + "type byte 0x%02x", name, offset - 1, expected, type));
        }
    }
}
