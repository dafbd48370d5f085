package org.boe4j.bert.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where one tensor of a checkpoint bundle lives: TF's {@code BundleEntryProto}
 * (tensorflow/core/protobuf/tensor_bundle.proto), decoded by hand:
 * <pre>
 * message BundleEntryProto {
 *   DataType dtype = 1;  TensorShapeProto shape = 2;  int32 shard_id = 3;
 *   int64 offset = 4;    int64 size = 5;              fixed32 crc32c = 6;   // masked, see Crc32c
 *   repeated TensorSliceProto slices = 7;                                    // partitioned variables only
 * }
 * message TensorShapeProto { repeated Dim dim = 2; bool unknown_rank = 3; }
 * message Dim { int64 size = 1; string name = 2; }
 * </pre>
 *
 * @param dtypeCode   the TF {@code DataType} number (see {@link TfDataType})
 * @param maskedCrc32c the stored, masked CRC-32C of the tensor's bytes
 */
public record BundleEntry(String name, int dtypeCode, long[] shape, int shardId, long offset, long size,
                          int maskedCrc32c) {

    /** The dtype, or null when TF's code is not one boe4j knows. */
    public TfDataType dtype() {
        return TfDataType.of(dtypeCode);
    }

    public long numElements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** Decodes the entry stored under key {@code name}; {@code where} names the file for errors. */
    static BundleEntry parse(String name, byte[] value, String where) throws IOException {
        ProtoReader r = new ProtoReader(value, where + ": entry '" + name + "'");
        int dtype = 0;
        long[] shape = new long[0];
        int shard = 0;
        long offset = 0;
        long size = 0;
        int crc = 0;
        boolean hasCrc = false;
        while (r.hasMore()) {
            int key = r.readKey();
            switch (ProtoReader.fieldNumber(key)) {
                case 1 -> {
                    r.expect(key, ProtoReader.VARINT);
                    dtype = (int) r.readVarint();
                }
                case 2 -> {
                    r.expect(key, ProtoReader.LENGTH_DELIMITED);
                    shape = parseShape(r.readMessage(" shape"));
                }
                case 3 -> {
                    r.expect(key, ProtoReader.VARINT);
                    shard = (int) r.readVarint();
                }
                case 4 -> {
                    r.expect(key, ProtoReader.VARINT);
                    offset = r.readVarint();
                }
                case 5 -> {
                    r.expect(key, ProtoReader.VARINT);
                    size = r.readVarint();
                }
                case 6 -> {
                    r.expect(key, ProtoReader.FIXED32);
                    crc = r.readFixed32();
                    hasCrc = true;
                }
                case 7 -> throw r.error("is a partitioned (sliced) variable; sliced tensors are not supported");
                default -> r.skip(key);
            }
        }
        if (!hasCrc) {
            throw r.error("has no crc32c field");
        }
        if (offset < 0 || size < 0 || shard < 0) {
            throw r.error("negative shard/offset/size (" + shard + ", " + offset + ", " + size + ")");
        }
        return new BundleEntry(name, dtype, shape, shard, offset, size, crc);
    }

    private static long[] parseShape(ProtoReader r) throws IOException {
        List<Long> dims = new ArrayList<>();
        while (r.hasMore()) {
            int key = r.readKey();
            if (ProtoReader.fieldNumber(key) == 2) {
                r.expect(key, ProtoReader.LENGTH_DELIMITED);
                ProtoReader dim = r.readMessage(" dim");
                long size = 0;
                while (dim.hasMore()) {
                    int k = dim.readKey();
                    if (ProtoReader.fieldNumber(k) == 1) {
                        dim.expect(k, ProtoReader.VARINT);
                        size = dim.readVarint();
                    } else {
                        dim.skip(k);
                    }
                }
                if (size < 0) {
                    throw r.error("unknown dimension (" + size + ") in a stored tensor");
                }
                dims.add(size);
            } else if (ProtoReader.fieldNumber(key) == 3) {
                r.expect(key, ProtoReader.VARINT);
                if (r.readVarint() != 0) {
                    throw r.error("shape of unknown rank in a stored tensor");
                }
            } else {
                r.skip(key);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
