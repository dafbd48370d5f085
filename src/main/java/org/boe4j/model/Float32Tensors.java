package org.boe4j.model;

import org.boe4j.bert.safetensors.SafetensorsDtype;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.bert.safetensors.SafetensorsWriter;
import org.boe4j.bert.safetensors.TensorInfo;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Named float32 arrays in a safetensors file, laid out byte for byte as the reference implementation would (so the
 * same tensors always give the same bytes and SHA-256), with the metadata {@code {"format": "pt"}} that lets Hugging
 * Face tooling open the file. Shared by checkpoints and trained-model directories.
 */
public final class Float32Tensors {

    /** HF's convention for safetensors files written from PyTorch. */
    public static final Map<String, String> METADATA = Map.of("format", "pt");

    private Float32Tensors() {
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

    /**
     * Reads a file that must hold exactly the {@code expected} tensors (name -> shape), each F32: a missing, extra,
     * mis-shaped or non-F32 tensor is an error naming the file and the tensor.
     */
    public static Map<String, INDArray> readExactly(Path file, Map<String, long[]> expected) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TreeSet<String> extra = new TreeSet<>(f.tensors().keySet());
            extra.removeAll(expected.keySet());
            if (!extra.isEmpty()) {
                throw new IOException(file + ": unexpected tensor(s) " + extra + "; expected exactly "
                        + expected.keySet());
            }
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
                if (t.dtype() != SafetensorsDtype.F32) {
                    throw new IOException(file + ": tensor '" + t.name() + "' is " + t.dtype() + ", expected F32");
                }
                out.put(t.name(), Nd4j.create(f.floats(t.name()), t.shape(), 'c'));
            }
        }
        return out;
    }
}
