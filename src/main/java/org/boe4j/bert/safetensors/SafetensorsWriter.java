package org.boe4j.bert.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.boe4j.io.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a safetensors file the way the reference implementation lays it out, so that our files are
 * byte-for-byte what {@code safetensors.serialize} would write for the same tensors:
 * tensors ordered by dtype (descending, in {@link SafetensorsDtype} order) then by name (UTF-8 bytes),
 * contiguous in that order; header = compact JSON with {@code __metadata__} first, then the tensors in data order,
 * padded with spaces to a multiple of 8 bytes (so the data section starts 8-byte aligned).
 * The file is written through {@link AtomicFiles}: nothing appears at the target until it is complete.
 */
public final class SafetensorsWriter {

    /** A tensor to be written: its name, element type and shape (row-major). */
    public record TensorSpec(String name, SafetensorsDtype dtype, long[] shape) {
        public long byteLength() {
            return TensorInfo.numElements(shape) * dtype.byteSize();
        }
    }

    /** Writes the bytes of one tensor; called once per tensor, in file order. */
    @FunctionalInterface
    public interface TensorData {
        void write(TensorSpec tensor, TensorSink sink) throws IOException;
    }

    private SafetensorsWriter() {
    }

    /** The reference order: dtype descending, then name by UTF-8 bytes. */
    public static List<TensorSpec> fileOrder(Collection<TensorSpec> tensors) {
        List<TensorSpec> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing((TensorSpec t) -> t.dtype()).reversed()
                .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.name()), utf8(b.name()))));
        return sorted;
    }

    /** The header bytes for tensors already in file order: the 8-byte length, then the padded JSON. */
    public static byte[] header(List<TensorSpec> ordered, Map<String, String> metadata) {
        JsonObject json = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            new TreeMap<>(metadata).forEach(meta::addProperty);
            json.add(SafetensorsFile.METADATA_KEY, meta);
        }
        long offset = 0;
        for (TensorSpec t : ordered) {
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + t.byteLength());
            o.add("data_offsets", offsets);
            json.add(t.name(), o);
            offset += t.byteLength();
        }
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8); // Gson's compact form, no HTML escaping
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /**
     * Writes {@code tensors} (in {@link #fileOrder}) to {@code target}; {@code data} supplies each tensor's bytes
     * and must write exactly {@link TensorSpec#byteLength} of them.
     */
    public static void write(Path target, Collection<TensorSpec> tensors, Map<String, String> metadata,
                             TensorData data) throws IOException {
        Set<String> names = new HashSet<>();
        for (TensorSpec t : tensors) {
            if (t.name().equals(SafetensorsFile.METADATA_KEY) || !names.add(t.name())) {
                throw new IllegalArgumentException("duplicate or reserved tensor name '" + t.name() + "'");
            }
        }
        List<TensorSpec> ordered = fileOrder(tensors);
        byte[] header = header(ordered, metadata);
        AtomicFiles.write(target, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            out.write(header);
            TensorSink sink = new TensorSink(out);
            for (TensorSpec t : ordered) {
                sink.resetCount();
                data.write(t, sink);
                if (sink.count() != t.byteLength()) {
                    throw new IOException(target + ": tensor '" + t.name() + "' " + t.dtype()
                            + Arrays.toString(t.shape()) + " needs " + t.byteLength() + " bytes, but "
                            + sink.count() + " were written");
                }
            }
            out.flush();
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
