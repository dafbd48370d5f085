package org.boe4j.bert.safetensors;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Named float32 arrays in a safetensors file: the one place where ND4J arrays become safetensors bytes and back, for
 * checkpoints, best models, trained-model directories and the encoder loader. Files are laid out byte for byte as the
 * reference implementation would ({@link SafetensorsWriter}: the same tensors always give the same bytes and
 * SHA-256), with the metadata {@code {"format": "pt"}} that lets Hugging Face tooling open them.
 */
public final class TensorStore {

    /** HF's convention for safetensors files written from PyTorch. */
    public static final Map<String, String> METADATA = Map.of("format", "pt");

    private TensorStore() {
    }

    /** Writes the tensors (float32) to {@code file}, atomically. */
    public static void write(Path file, Map<String, INDArray> tensors) throws IOException {
        List<SafetensorsWriter.TensorSpec> specs = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            if (e.getValue().dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("tensor " + e.getKey() + ": expected float32, found "
                        + e.getValue().dataType());
            }
            specs.add(new SafetensorsWriter.TensorSpec(e.getKey(), SafetensorsDtype.F32, e.getValue().shape()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        SafetensorsWriter.write(file, specs, METADATA, (spec, sink) -> {
            INDArray a = tensors.get(spec.name());
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                // the array's own off-heap bytes, without a heap copy (a C-order copy first if it is a view)
                INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
                ByteBuffer bytes = c.data().asNio().duplicate();
                bytes.position(0).limit(Math.toIntExact(4 * c.length()));
                sink.write(bytes);
            } else {
                sink.writeFloats(a.dup('c').data().asFloat());
            }
        });
    }

    /** Prefixes every name (for several groups of tensors in one file). */
    public static Map<String, INDArray> prefixed(String prefix, Map<String, INDArray> tensors) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /**
     * Reads a file that must hold exactly the {@code expected} tensors (name -> shape), each F32: a missing, extra,
     * mis-shaped or non-F32 tensor is an error naming the file and the tensor.
     */
    public static Map<String, INDArray> readExactly(Path file, Map<String, long[]> expected) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TreeSet<String> extra = new TreeSet<>(f.tensors().keySet());
            extra.removeAll(expected.keySet());
            if (!extra.isEmpty()) {
                throw new IOException(file + ": unexpected tensor(s) " + extra + "; expected exactly "
                        + expected.keySet());
            }
            Map<String, TensorInfo> selected = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                TensorInfo t = f.tensors().get(e.getKey());
                if (t == null) {
                    throw new IOException(file + ": missing tensor '" + e.getKey() + "' (expected shape "
                            + Arrays.toString(e.getValue()) + ")");
                }
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new IOException(file + ": tensor '" + t.name() + "' has shape " + t.shapeString()
                            + ", expected " + Arrays.toString(e.getValue()));
                }
                requireF32(file, t);
                selected.put(t.name(), t);
            }
            return read(f, selected, null);
        }
    }

    /** Reads the tensors of {@code file} whose names start with {@code prefix} (each F32), by name without it. */
    public static Map<String, INDArray> read(Path file, String prefix) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, TensorInfo> selected = new LinkedHashMap<>();
            for (TensorInfo t : f.tensors().values()) {
                if (t.name().startsWith(prefix)) {
                    requireF32(file, t);
                    selected.put(t.name().substring(prefix.length()), t);
                }
            }
            return read(f, selected, null);
        }
    }

    /**
     * Reads the {@code selected} tensors (key -> tensor of {@code file}) into new float32 arrays in one front-to-back
     * pass: F32 bytes straight into the arrays' native memory, F16/BF16 widened exactly. Every byte of the file goes
     * through {@code digest} when it is not null (so a checksum costs no second read). On failure the arrays are
     * freed.
     *
     * @return key -> array, in {@code selected}'s order
     */
    public static Map<String, INDArray> read(SafetensorsFile file, Map<String, TensorInfo> selected,
                                             MessageDigest digest) throws IOException {
        Map<String, INDArray> loaded = new LinkedHashMap<>();
        try {
            Map<String, ByteBuffer> targets = new LinkedHashMap<>();
            Map<String, ByteBuffer> toWiden = new LinkedHashMap<>();
            for (Map.Entry<String, TensorInfo> e : selected.entrySet()) {
                TensorInfo t = e.getValue();
                if (!t.dtype().isFloat32Convertible()) {
                    throw new IOException(file.file() + ": tensor '" + t.name() + "' has dtype " + t.dtype()
                            + ", expected F32 (or F16/BF16)");
                }
                INDArray a = Nd4j.createUninitialized(DataType.FLOAT, t.shape(), 'c');
                loaded.put(e.getKey(), a);
                if (t.dtype() == SafetensorsDtype.F32 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                    targets.put(t.name(), a.data().asNio()); // the file's bytes straight into native memory
                } else {
                    ByteBuffer raw = ByteBuffer.allocate(Math.toIntExact(t.byteLength()));
                    targets.put(t.name(), raw);
                    toWiden.put(e.getKey(), raw);
                }
            }
            file.readAll(targets, digest);
            for (Map.Entry<String, ByteBuffer> e : toWiden.entrySet()) {
                float[] values = file.floats(selected.get(e.getKey()), e.getValue());
                loaded.get(e.getKey()).data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
            }
            return loaded;
        } catch (IOException | RuntimeException ex) {
            loaded.values().forEach(INDArray::close);
            throw ex;
        }
    }

    private static void requireF32(Path file, TensorInfo t) throws IOException {
        if (t.dtype() != SafetensorsDtype.F32) {
            throw new IOException(file + ": tensor '" + t.name() + "' is " + t.dtype() + ", expected F32");
        }
    }
}
