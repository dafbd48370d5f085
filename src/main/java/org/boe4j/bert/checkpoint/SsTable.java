package org.boe4j.bert.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a whole LevelDB-format sorted string table, the format of a TF checkpoint's {@code variables.index}
 * (TF's {@code tsl/lib/io/table} is a fork of LevelDB's; see leveldb {@code doc/table_format.md}).
 *
 * <pre>
 * file   = data block* , meta block* , metaindex block , index block , footer
 * footer = metaindex handle , index handle , zero padding to 40 bytes , magic fixed64 0xdb4775248b80fb57
 * handle = varint64 offset , varint64 size                  (size excludes the 5-byte trailer)
 * block  = entry* , restart fixed32 * n , n fixed32 ; then trailer = type byte , masked crc32c(block ++ type)
 * entry  = varint32 shared , varint32 non_shared , varint32 value_length , key[shared..] , value
 * </pre>
 * A key shares its first {@code shared} bytes with the previous key (prefix compression); every restart point
 * stores a full key. The index block maps a separator key to each data block's handle. Only uncompressed
 * blocks (type 0) are supported, which is what TF writes for bundles; Snappy blocks (type 1) are rejected.
 */
public final class SsTable {

    static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_LENGTH = 48;
    static final int TRAILER_LENGTH = 5;
    static final int NO_COMPRESSION = 0;
    static final int SNAPPY = 1;

    /** One key/value pair, in the table's (bytewise) order. */
    public record Entry(byte[] key, byte[] value) {
    }

    private final Path file;
    private final byte[] bytes;

    private SsTable(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** Reads every entry of the table, checking each block's CRC and the order of the keys. */
    public static List<Entry> readAll(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "checkpoint index file is missing");
        }
        return new SsTable(file, bytes).entries();
    }

    private List<Entry> entries() throws IOException {
        if (bytes.length < FOOTER_LENGTH) {
            throw error("file of " + bytes.length + " bytes is shorter than the " + FOOTER_LENGTH
                    + "-byte table footer (truncated?)");
        }
        int footer = bytes.length - FOOTER_LENGTH;
        long magic = fixed32(footer + 40) & 0xffffffffL | (long) fixed32(footer + 44) << 32;
        if (magic != MAGIC) {
            throw error(String.format("bad table magic 0x%016x, expected 0x%016x (truncated or not an SSTable)", magic, MAGIC));
        }
        ProtoReader handles = new ProtoReader(bytes, footer, 40, file + ": footer");
        handles.readVarint(); // metaindex offset: TF bundles carry no meta blocks, nothing to read there
        handles.readVarint(); // metaindex size
        long indexOffset = handles.readVarint();
        long indexSize = handles.readVarint();

        List<Entry> result = new ArrayList<>();
        for (Entry indexEntry : block(indexOffset, indexSize, "index block")) {
            ProtoReader h = new ProtoReader(indexEntry.value(), file + ": index entry");
            long offset = h.readVarint();
            long size = h.readVarint();
            result.addAll(block(offset, size, "data block at " + offset));
        }
        for (int i = 1; i < result.size(); i++) {
            if (Arrays.compareUnsigned(result.get(i - 1).key(), result.get(i).key()) >= 0) {
                throw error("keys out of order at entry " + i + " (corrupt table)");
            }
        }
        return result;
    }

    /** Decodes one block: checks its trailer, then walks its prefix-compressed entries. */
    private List<Entry> block(long offset, long size, String what) throws IOException {
        if (offset < 0 || size < 4 || offset + size + TRAILER_LENGTH > bytes.length - FOOTER_LENGTH) {
            throw error(what + ": handle [" + offset + ", +" + size + "] lies outside the file of "
                    + bytes.length + " bytes (truncated?)");
        }
        int start = (int) offset;
        int n = (int) size;
        int type = bytes[start + n] & 0xff;
        int stored = Crc32c.unmask(fixed32(start + n + 1));
        int actual = Crc32c.of(bytes, start, n + 1);
        if (stored != actual) {
            throw error(what + ": block checksum mismatch (stored crc32c " + Integer.toHexString(stored)
                    + ", computed " + Integer.toHexString(actual) + ")");
        }
        if (type == SNAPPY) {
            throw error(what + ": Snappy-compressed block; only uncompressed tables are supported"
                    + " (TensorFlow writes checkpoint indexes uncompressed)");
        }
        if (type != NO_COMPRESSION) {
            throw error(what + ": unknown block compression type " + type);
        }
        int numRestarts = fixed32(start + n - 4);
        long restartsStart = (long) n - 4 - 4L * numRestarts;
        if (numRestarts < 0 || restartsStart < 0) {
            throw error(what + ": bad restart count " + numRestarts);
        }
        List<Entry> entries = new ArrayList<>();
        ProtoReader r = new ProtoReader(bytes, start, (int) restartsStart, file + ": " + what);
        byte[] previous = new byte[0];
        while (r.hasMore()) {
            long shared = r.readVarint();
            long nonShared = r.readVarint();
            long valueLength = r.readVarint();
            if (shared > previous.length) {
                throw error(what + ": entry shares " + shared + " key bytes but the previous key has " + previous.length);
            }
            byte[] key = Arrays.copyOf(previous, (int) (shared + nonShared));
            byte[] tail = r.readBytes(nonShared);
            System.arraycopy(tail, 0, key, (int) shared, tail.length);
            byte[] value = r.readBytes(valueLength);
            entries.add(new Entry(key, value));
            previous = key;
        }
        return entries;
    }

    private int fixed32(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private IOException error(String message) {
        return new IOException(file + ": " + message);
    }
}
