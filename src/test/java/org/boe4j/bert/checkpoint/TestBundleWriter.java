package org.boe4j.bert.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes small TF checkpoint bundles for tests, following leveldb's {@code doc/table_format.md} and TF's
 * {@code tensor_bundle.proto} independently of the reader: a writer of the LevelDB table (with a tiny block size and
 * restart interval, so that prefix compression, restart points and several data blocks are exercised) and a
 * hand encoder of {@code BundleHeaderProto} / {@code BundleEntryProto}.
 */
public final class TestBundleWriter {

    /** One tensor to write; {@code dtypeCode} and {@code sizeOverride} let tests write inconsistent entries. */
    public record Tensor(String name, long[] shape, float[] values, int dtypeCode, long sizeOverride) {
        public Tensor(String name, long[] shape, float[] values) {
            this(name, shape, values, 1, -1);
        }
    }

    private int restartInterval = 2;
    private int blockSize = 64;
    private int compressionType = 0;

    public TestBundleWriter compressionType(int type) {
        this.compressionType = type;
        return this;
    }

    /** Writes {@code prefix.index} and {@code prefix.data-00000-of-00001}; returns the index file. */
    public Path write(Path dir, String prefix, List<Tensor> tensors) throws IOException {
        TreeMap<String, byte[]> entries = new TreeMap<>(); // String order = byte order for the ASCII names used
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        entries.put("", header());
        for (Tensor t : tensors) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : t.values()) {
                bytes.putFloat(v);
            }
            long offset = data.size();
            data.write(bytes.array());
            long size = t.sizeOverride() >= 0 ? t.sizeOverride() : bytes.capacity();
            int crc = Crc32c.mask(Crc32c.of(bytes.array(), 0, bytes.capacity()));
            entries.put(t.name(), entry(t.dtypeCode(), t.shape(), offset, size, crc));
        }
        Path index = dir.resolve(prefix + ".index");
        Files.write(index, table(entries));
        Files.write(dir.resolve(prefix + ".data-00000-of-00001"), data.toByteArray());
        return index;
    }

    // ------------------------------------------------------------------ protobuf

    static byte[] header() {
        Proto p = new Proto();
        p.varintField(1, 1);  // num_shards
        p.varintField(2, 0);  // endianness LITTLE
        Proto version = new Proto();
        version.varintField(1, 1); // producer
        p.bytesField(3, version.bytes());
        return p.bytes();
    }

    static byte[] entry(int dtype, long[] shape, long offset, long size, int maskedCrc) {
        Proto shapeProto = new Proto();
        for (long d : shape) {
            Proto dim = new Proto();
            dim.varintField(1, d);
            shapeProto.bytesField(2, dim.bytes());
        }
        Proto p = new Proto();
        p.varintField(1, dtype);
        p.bytesField(2, shapeProto.bytes());
        if (offset != 0) {
            p.varintField(4, offset); // proto3 omits zero values, as TF's writer does
        }
        p.varintField(5, size);
        p.key(6, 5);
        p.fixed32(maskedCrc);
        return p.bytes();
    }

    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void key(int field, int wireType) {
            varint((long) field << 3 | wireType);
        }

        void varintField(int field, long v) {
            key(field, 0);
            varint(v);
        }

        void bytesField(int field, byte[] b) {
            key(field, 2);
            varint(b.length);
            out.writeBytes(b);
        }

        void varint(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }

        void fixed32(int v) {
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
            out.write(v >>> 24);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    // ------------------------------------------------------------------ table

    private byte[] table(TreeMap<String, byte[]> entries) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Map.Entry<byte[], byte[]>> index = new ArrayList<>();
        BlockBuilder block = new BlockBuilder();
        byte[] lastKey = null;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            block.add(key, e.getValue());
            lastKey = key;
            if (block.size() >= blockSize) {
                index.add(Map.entry(lastKey, handle(writeBlock(file, block.finish()))));
                block = new BlockBuilder();
            }
        }
        if (!block.isEmpty()) {
            index.add(Map.entry(lastKey, handle(writeBlock(file, block.finish()))));
        }
        long[] metaindex = writeBlock(file, new BlockBuilder().finish());
        BlockBuilder indexBlock = new BlockBuilder();
        for (Map.Entry<byte[], byte[]> e : index) {
            indexBlock.add(e.getKey(), e.getValue());
        }
        long[] indexHandle = writeBlock(file, indexBlock.finish());
        Proto footer = new Proto();
        footer.varint(metaindex[0]);
        footer.varint(metaindex[1]);
        footer.varint(indexHandle[0]);
        footer.varint(indexHandle[1]);
        byte[] handles = Arrays.copyOf(footer.bytes(), 40);
        file.writeBytes(handles);
        ByteBuffer magic = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SsTable.MAGIC);
        file.writeBytes(magic.array());
        return file.toByteArray();
    }

    private long[] writeBlock(ByteArrayOutputStream file, byte[] contents) {
        long offset = file.size();
        byte[] withType = Arrays.copyOf(contents, contents.length + 1);
        withType[contents.length] = (byte) compressionType;
        file.writeBytes(withType);
        Proto crc = new Proto();
        crc.fixed32(Crc32c.mask(Crc32c.of(withType, 0, withType.length)));
        file.writeBytes(crc.bytes());
        return new long[]{offset, contents.length};
    }

    private static byte[] handle(long[] h) {
        Proto p = new Proto();
        p.varint(h[0]);
        p.varint(h[1]);
        return p.bytes();
    }

    private final class BlockBuilder {
        private final Proto out = new Proto();
        private final List<Integer> restarts = new ArrayList<>(List.of(0));
        private byte[] previous = new byte[0];
        private int sinceRestart;
        private int count;

        void add(byte[] key, byte[] value) {
            int shared = 0;
            if (sinceRestart == restartInterval) {
                restarts.add(out.bytes().length);
                sinceRestart = 0;
            } else {
                while (shared < Math.min(previous.length, key.length) && previous[shared] == key[shared]) {
                    shared++;
                }
            }
            out.varint(shared);
            out.varint(key.length - shared);
            out.varint(value.length);
            out.out.write(key, shared, key.length - shared);
            out.out.writeBytes(value);
            previous = key;
            sinceRestart++;
            count++;
        }

        int size() {
            return out.bytes().length;
        }

        boolean isEmpty() {
            return count == 0;
        }

        byte[] finish() {
            for (int r : restarts) {
                out.fixed32(r);
            }
            out.fixed32(restarts.size());
            return out.bytes();
        }
    }
}
