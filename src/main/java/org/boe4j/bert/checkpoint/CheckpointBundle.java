package org.boe4j.bert.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow (v1/v2) checkpoint bundle read in pure Java: {@code <prefix>.index}, an {@link SsTable} whose empty
 * key holds the {@code BundleHeaderProto} and whose other keys are tensor names mapped to {@link BundleEntry}s,
 * plus data shards {@code <prefix>.data-SSSSS-of-NNNNN} holding each tensor's raw little-endian bytes at the
 * entry's offset (TF's {@code tensor_bundle.cc}).
 * <pre>
 * message BundleHeaderProto { int32 num_shards = 1; Endianness endianness = 2 (LITTLE = 0); VersionDef version = 3; }
 * </pre>
 * Opening checks that every entry fits inside its shard; {@link #data} checks each tensor's CRC-32C.
 */
public final class CheckpointBundle implements Closeable {

    private final Path indexFile;
    private final Map<String, BundleEntry> entries;
    private final List<Path> shardFiles;
    private final List<FileChannel> shards = new ArrayList<>();

    private CheckpointBundle(Path indexFile, Map<String, BundleEntry> entries, List<Path> shardFiles) {
        this.indexFile = indexFile;
        this.entries = entries;
        this.shardFiles = shardFiles;
    }

    /** Opens the bundle whose index file is {@code indexFile} (its name must end in {@code .index}). */
    public static CheckpointBundle open(Path indexFile) throws IOException {
        String fileName = indexFile.getFileName().toString();
        if (!fileName.endsWith(".index")) {
            throw new IOException(indexFile + ": a checkpoint index file name ends in .index");
        }
        String prefix = fileName.substring(0, fileName.length() - ".index".length());
        int numShards = -1;
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (SsTable.Entry e : SsTable.readAll(indexFile)) {
            String key = new String(e.key(), StandardCharsets.UTF_8);
            if (key.isEmpty()) {
                numShards = parseHeader(e.value(), indexFile.toString());
            } else {
                entries.put(key, BundleEntry.parse(key, e.value(), indexFile.toString()));
            }
        }
        if (numShards < 0) {
            throw new IOException(indexFile + ": no bundle header (the empty key) in the index");
        }
        List<Path> shardFiles = new ArrayList<>();
        for (int s = 0; s < numShards; s++) {
            shardFiles.add(indexFile.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix, s, numShards)));
        }
        CheckpointBundle bundle = new CheckpointBundle(indexFile, Collections.unmodifiableMap(entries), shardFiles);
        try {
            bundle.openShards();
        } catch (IOException | RuntimeException ex) {
            bundle.close();
            throw ex;
        }
        return bundle;
    }

    private static int parseHeader(byte[] value, String where) throws IOException {
        ProtoReader r = new ProtoReader(value, where + ": bundle header");
        int numShards = 1;
        while (r.hasMore()) {
            int key = r.readKey();
            switch (ProtoReader.fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, ProtoReader.VARINT);
                    numShards = (int) r.readVarint();
                }
                case 2 -> {
                    r.expect(key, ProtoReader.VARINT);
                    long endianness = r.readVarint();
                    if (endianness != 0) {
                        throw r.error("big-endian bundle; only little-endian (the TF default) is supported");
                    }
                }
                default -> r.skip(key);
            }
        }
        if (numShards < 1 || numShards > 99_999) {
            throw r.error("bad num_shards " + numShards);
        }
        return numShards;
    }

    private void openShards() throws IOException {
        for (Path f : shardFiles) {
            try {
                shards.add(FileChannel.open(f, StandardOpenOption.READ));
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(f.toString(), null, "checkpoint data shard named by " + indexFile + " is missing");
            }
        }
        for (BundleEntry e : entries.values()) {
            if (e.shardId() >= shards.size()) {
                throw new IOException(indexFile + ": tensor '" + e.name() + "' is in shard " + e.shardId()
                        + " but the bundle has " + shards.size());
            }
            long fileSize = shards.get(e.shardId()).size();
            if (e.offset() + e.size() > fileSize) {
                throw new IOException(shardFiles.get(e.shardId()) + ": tensor '" + e.name() + "' occupies bytes ["
                        + e.offset() + ", " + (e.offset() + e.size()) + ") but the file has only " + fileSize
                        + " bytes (truncated?)");
            }
            TfDataType t = e.dtype();
            if (t != null && t.byteSize() > 0 && e.numElements() * t.byteSize() != e.size()) {
                throw new IOException(indexFile + ": tensor '" + e.name() + "' " + t + e.shapeString() + " needs "
                        + e.numElements() * t.byteSize() + " bytes but its entry says " + e.size());
            }
        }
    }

    public Path indexFile() {
        return indexFile;
    }

    public List<Path> shardFiles() {
        return List.copyOf(shardFiles);
    }

    /** Every tensor's entry, in the index's (bytewise sorted) name order. */
    public Map<String, BundleEntry> entries() {
        return entries;
    }

    public BundleEntry entry(String name) throws IOException {
        BundleEntry e = entries.get(name);
        if (e == null) {
            throw new IOException(indexFile + ": no tensor named '" + name + "'");
        }
        return e;
    }

    /** Sum of the element counts of all tensors. */
    public long totalValues() {
        return entries.values().stream().mapToLong(BundleEntry::numElements).sum();
    }

    /**
     * The bytes of one tensor, memory-mapped read-only, little-endian, after checking their CRC-32C against the
     * masked value in the entry. Throws if they do not match, naming the tensor.
     */
    public ByteBuffer data(BundleEntry e) throws IOException {
        if (e.size() > Integer.MAX_VALUE) {
            throw new IOException(indexFile + ": tensor '" + e.name() + "' has " + e.size() + " bytes, over the 2 GiB"
                    + " a single buffer holds");
        }
        ByteBuffer bytes = shards.get(e.shardId()).map(FileChannel.MapMode.READ_ONLY, e.offset(), e.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        int actual = Crc32c.of(bytes);
        int stored = Crc32c.unmask(e.maskedCrc32c());
        if (actual != stored) {
            throw new IOException(shardFiles.get(e.shardId()) + ": checksum mismatch in tensor '" + e.name()
                    + "' (bytes [" + e.offset() + ", " + (e.offset() + e.size()) + "): stored crc32c "
                    + String.format("%08x", stored) + ", computed " + String.format("%08x", actual) + ")");
        }
        return bytes;
    }

    /** The values of a float32 tensor, checked, in row-major order. */
    public float[] floats(BundleEntry e) throws IOException {
        if (e.dtype() != TfDataType.FLOAT) {
            throw new IOException(indexFile + ": tensor '" + e.name() + "' has dtype "
                    + (e.dtype() == null ? "code " + e.dtypeCode() : e.dtype()) + ", expected FLOAT");
        }
        float[] out = new float[Math.toIntExact(e.numElements())];
        data(e).asFloatBuffer().get(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel c : shards) {
            try {
                c.close();
            } catch (IOException ex) {
                first = first == null ? ex : first;
            }
        }
        shards.clear();
        if (first != null) {
            throw first;
        }
    }
}
