package org.boe4j.kb;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.boe4j.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The versioned binary KB file (docs/kb.md has the byte layout). All integers big-endian.
 * <pre>
 * magic      8 bytes  "BOE4JKB" 0x1A
 * version    int32    {@link #FORMAT_VERSION}
 * headerLen  int32    then headerLen bytes of UTF-8 JSON ({@link KbHeader})
 * body       language dictionaries, English title table, inter-language pairs (see {@link #writeBody})
 * crc        int32    CRC-32C of the header JSON bytes and the body bytes
 * end magic  8 bytes  "KBEND" 0 0 0
 * </pre>
 * Written atomically (temp file then rename); read as one buffered stream (a KB of millions of surfaces
 * loads in seconds). A wrong magic, an unknown version, a truncated file, trailing bytes or a checksum
 * mismatch is rejected with a message naming the file and what was expected.
 */
public final class KbFile {

    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = {'B', 'O', 'E', '4', 'J', 'K', 'B', 0x1A};
    static final byte[] END_MAGIC = {'K', 'B', 'E', 'N', 'D', 0, 0, 0};
    private static final int MAX_HEADER_BYTES = 16 << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private KbFile() {
    }

    /** Writes a KB atomically; refuses to replace a file that is not a KB ({@link #checkReplaceable}). */
    public static void write(KnowledgeBase kb, Path file) throws IOException {
        checkReplaceable(file);
        byte[] header = GSON.toJson(kb.header()).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, raw -> {
            DataOutputStream plain = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            plain.write(MAGIC);
            plain.writeInt(FORMAT_VERSION);
            plain.writeInt(header.length);
            plain.flush();
            CRC32C crc = new CRC32C();
            crc.update(header);
            CheckedOutputStream checked = new CheckedOutputStream(raw, crc);
            // header bytes were written outside the checked stream but are already in the CRC
            plain.write(header);
            plain.flush();
            DataOutputStream body = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
            writeBody(kb, body);
            body.flush();
            DataOutputStream tail = new DataOutputStream(raw);
            tail.writeInt((int) crc.getValue());
            tail.write(END_MAGIC);
            tail.flush();
        });
    }

    /**
     * Refuses an output path that holds something other than a KB: a directory, or a non-empty file that does not
     * start with the KB magic (a KB, even a damaged one, or an empty file may be replaced). Builders call it before
     * their work, so that a long build does not end in this error.
     */
    public static void checkReplaceable(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a KB file; give --out a file name");
        }
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return;
        }
        byte[] start = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(start, 0, start.length);
        }
        if (n < MAGIC.length || !Arrays.equals(start, MAGIC)) {
            throw new IOException(file + " exists and is not a boe4j KB (it does not start with the KB magic"
                    + " \"BOE4JKB\"); refusing to overwrite it: choose another --out, or delete the file first");
        }
    }

    /**
     * Body: int languageCount; per language {string lang, byte space (0 LOCAL, 1 ENGLISH), int entityCount,
     * entity strings, int surfaceCount, per surface {string surface, float lp, int candidateCount, per
     * candidate {int entityIndex, float commonness}}}; int englishTitleCount, English title strings (sorted);
     * int mapLanguageCount, per language {string lang, int pairCount, per pair {string key, int englishIndex}}.
     * A string is int byteLength + UTF-8 bytes.
     */
    private static void writeBody(KnowledgeBase kb, DataOutputStream out) throws IOException {
        out.writeInt(kb.dictionaries().size());
        for (LanguageDictionary d : kb.dictionaries().values()) {
            writeString(out, d.language());
            out.writeByte(d.entitySpace() == EntitySpace.ENGLISH ? 1 : 0);
            String[] entities = d.entitiesRaw();
            out.writeInt(entities.length);
            for (String e : entities) {
                writeString(out, e);
            }
            String[] surfaces = d.surfacesRaw();
            int[] start = d.candidateStartRaw();
            int[] ent = d.candidateEntityRaw();
            float[] com = d.commonnessRaw();
            float[] lp = d.linkProbabilityRaw();
            out.writeInt(surfaces.length);
            for (int i = 0; i < surfaces.length; i++) {
                writeString(out, surfaces[i]);
                out.writeFloat(lp[i]);
                out.writeInt(start[i + 1] - start[i]);
                for (int c = start[i]; c < start[i + 1]; c++) {
                    out.writeInt(ent[c]);
                    out.writeFloat(com[c]);
                }
            }
        }
        InterlanguageMap map = kb.interlanguage();
        TreeSet<String> english = new TreeSet<>();
        for (String lang : map.languages()) {
            english.addAll(map.pairs(lang).values());
        }
        String[] titles = english.toArray(new String[0]);
        Map<String, Integer> index = new HashMap<>(titles.length * 2);
        out.writeInt(titles.length);
        for (int i = 0; i < titles.length; i++) {
            writeString(out, titles[i]);
            index.put(titles[i], i);
        }
        out.writeInt(map.languages().size());
        for (String lang : map.languages()) {
            writeString(out, lang);
            Map<String, String> pairs = map.sortedPairs(lang);
            out.writeInt(pairs.size());
            for (Map.Entry<String, String> p : pairs.entrySet()) {
                writeString(out, p.getKey());
                out.writeInt(index.get(p.getValue()));
            }
        }
    }

    /** Reads only the header (fast; for {@code kb info}). */
    public static KbHeader readHeader(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return parseHeader(file, readHeaderBytes(file, in));
        } catch (EOFException e) {
            throw truncated(file, "in the header");
        }
    }

    /** Reads and verifies a whole KB file. */
    public static KnowledgeBase read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("KB file " + file + " does not exist or is not a file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream plain = new DataInputStream(raw);
            byte[] headerBytes;
            try {
                headerBytes = readHeaderBytes(file, plain);
            } catch (EOFException e) {
                throw truncated(file, "in the header");
            }
            KbHeader header = parseHeader(file, headerBytes);
            CRC32C crc = new CRC32C();
            crc.update(headerBytes);
            DataInputStream body = new DataInputStream(new CheckedInputStream(raw, crc));
            KnowledgeBase kb;
            int stored;
            byte[] end = new byte[END_MAGIC.length];
            try {
                kb = readBody(file, header, body);
                stored = plain.readInt();
                plain.readFully(end);
            } catch (EOFException e) {
                throw truncated(file, "in the body (the file ends early)");
            }
            if ((int) crc.getValue() != stored) {
                throw new IOException("KB file " + file + " is corrupted: CRC-32C of header and body is "
                        + Integer.toHexString((int) crc.getValue()) + ", the file says "
                        + Integer.toHexString(stored));
            }
            if (!Arrays.equals(end, END_MAGIC)) {
                throw new IOException("KB file " + file + " is corrupted: end marker missing after the checksum");
            }
            if (raw.read() != -1) {
                throw new IOException("KB file " + file + " has unexpected bytes after its end marker");
            }
            return kb;
        }
    }

    private static byte[] readHeaderBytes(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < magic.length || !Arrays.equals(magic, MAGIC)) {
            throw new IOException("KB file " + file + " is not a boe4j KB file (expected magic 'BOE4JKB\\x1A' "
                    + "at the start, found " + printable(magic, got) + ")");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("KB file " + file + " has format version " + version + "; this boe4j reads version "
                    + FORMAT_VERSION + " only: rebuild the KB with this version (`boe4j kb build ...`)");
        }
        int len = in.readInt();
        if (len <= 0 || len > MAX_HEADER_BYTES) {
            throw new IOException("KB file " + file + " is corrupted: header length " + len + " is not in (0, "
                    + MAX_HEADER_BYTES + "]");
        }
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        return bytes;
    }

    private static KbHeader parseHeader(Path file, byte[] bytes) throws IOException {
        try {
            KbHeader h = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), KbHeader.class);
            if (h == null || h.options() == null || h.languages() == null) {
                throw new JsonParseException("missing 'options' or 'languages'");
            }
            return h;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException("KB file " + file + " has a corrupted header: " + e.getMessage(), e);
        }
    }

    private static KnowledgeBase readBody(Path file, KbHeader header, DataInputStream in) throws IOException {
        long limit = Files.size(file); // every counted item takes at least one byte: larger counts are corruption
        byte[] buf = new byte[256];
        int languages = count(file, in, limit, "language count");
        Map<String, LanguageDictionary> dictionaries = new LinkedHashMap<>();
        for (int l = 0; l < languages; l++) {
            String lang = readString(file, in, buf);
            int space = in.readByte();
            if (space != 0 && space != 1) {
                throw corrupted(file, "language '" + lang + "': entity space byte " + space + ", expected 0 or 1");
            }
            int entityCount = count(file, in, limit, "entity count of '" + lang + "'");
            String[] entities = new String[entityCount];
            for (int i = 0; i < entityCount; i++) {
                entities[i] = readString(file, in, buf);
            }
            int n = count(file, in, limit, "surface count of '" + lang + "'");
            String[] surfaces = new String[n];
            float[] lp = new float[n];
            int[] start = new int[n + 1];
            IntFloatList cands = new IntFloatList(n + 16);
            for (int i = 0; i < n; i++) {
                surfaces[i] = readString(file, in, buf);
                lp[i] = in.readFloat();
                int c = count(file, in, limit, "candidate count");
                start[i] = cands.size;
                for (int k = 0; k < c; k++) {
                    cands.add(in.readInt(), in.readFloat());
                }
            }
            start[n] = cands.size;
            try {
                dictionaries.put(lang, new LanguageDictionary(lang, space == 1 ? EntitySpace.ENGLISH : EntitySpace.LOCAL,
                        entities, surfaces, lp, start, cands.ints(), cands.floats()));
            } catch (IllegalArgumentException e) {
                throw corrupted(file, e.getMessage());
            }
        }
        if (!new ArrayList<>(dictionaries.keySet()).equals(header.languages())) {
            throw corrupted(file, "the header lists languages " + header.languages() + " but the body holds "
                    + dictionaries.keySet());
        }
        int titleCount = count(file, in, limit, "English title count");
        String[] titles = new String[titleCount];
        for (int i = 0; i < titleCount; i++) {
            titles[i] = readString(file, in, buf);
        }
        InterlanguageMap map = new InterlanguageMap();
        int mapLanguages = count(file, in, limit, "inter-language language count");
        for (int l = 0; l < mapLanguages; l++) {
            String lang = readString(file, in, buf);
            int pairs = count(file, in, limit, "pair count of '" + lang + "'");
            for (int p = 0; p < pairs; p++) {
                String key = readString(file, in, buf);
                int idx = in.readInt();
                if (idx < 0 || idx >= titleCount) {
                    throw corrupted(file, "inter-language pair of '" + lang + "' points to English title " + idx
                            + " of " + titleCount);
                }
                map.put(lang, key, titles[idx]);
            }
        }
        return new KnowledgeBase(header, dictionaries, map);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(Path file, DataInputStream in, byte[] buf) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > (1 << 20)) {
            throw corrupted(file, "string length " + len + " is not in [0, 1 MiB]");
        }
        byte[] b = len <= buf.length ? buf : new byte[len];
        in.readFully(b, 0, len);
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    private static int count(Path file, DataInputStream in, long limit, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw corrupted(file, what + " " + n + " is not in [0, file size " + limit + "]");
        }
        return n;
    }

    private static IOException corrupted(Path file, String detail) {
        return new IOException("KB file " + file + " is corrupted: " + detail);
    }

    private static IOException truncated(Path file, String where) {
        return new IOException("KB file " + file + " is truncated " + where + "; rebuild or copy it again");
    }

    private static String printable(byte[] b, int n) {
        StringBuilder s = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return s.append("'").toString();
    }

    /** Growable parallel (int, float) arrays for candidates. */
    private static final class IntFloatList {
        int[] i;
        float[] f;
        int size;

        IntFloatList(int cap) {
            i = new int[cap];
            f = new float[cap];
        }

        void add(int a, float b) {
            if (size == i.length) {
                i = Arrays.copyOf(i, size * 2);
                f = Arrays.copyOf(f, size * 2);
            }
            i[size] = a;
            f[size] = b;
            size++;
        }

        int[] ints() {
            return Arrays.copyOf(i, size);
        }

        float[] floats() {
            return Arrays.copyOf(f, size);
        }
    }
}
