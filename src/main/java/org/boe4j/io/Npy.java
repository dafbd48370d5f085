package org.boe4j.io;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files, format version 1.0, C order, little-endian {@code <f4} (float32) and {@code <i4}
 * (int32): the format of the golden reference files and of {@code boe4j audit}'s output, readable by any
 * NumPy.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static INDArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a float32 or int32 .npy; {@code source} names the file in error messages. */
    public static INDArray read(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + ": not a .npy file (bad magic)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int headerLen;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        } else if (major == 2 || major == 3) {
            headerLen = Integer.reverseBytes(in.readInt());
        } else {
            throw new IOException(source + ": unsupported .npy version " + major);
        }
        byte[] headerBytes = new byte[headerLen];
        in.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, source, "descr");
        if (group(ORDER, header, source, "fortran_order").equals("True")) {
            throw new IOException(source + ": Fortran-order arrays are not supported");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, source, "shape").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        DataType type = switch (descr) {
            case "<f4" -> DataType.FLOAT;
            case "<i4" -> DataType.INT;
            default -> throw new IOException(source + ": dtype " + descr + " not supported, expected <f4 or <i4");
        };
        byte[] data = new byte[Math.toIntExact(count * 4)];
        in.readFully(data);
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            float[] values = new float[(int) count];
            buf.asFloatBuffer().get(values);
            return Nd4j.create(values, shape, 'c');
        }
        int[] values = new int[(int) count];
        buf.asIntBuffer().get(values);
        return Nd4j.createFromArray(values).reshape('c', shape);
    }

    /** Writes a float32 or int32 array (other types are converted to float32). */
    public static void write(Path file, INDArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static void write(OutputStream out, INDArray array) throws IOException {
        boolean isInt = array.dataType() == DataType.INT;
        INDArray c = (isInt ? array : array.castTo(DataType.FLOAT)).dup('c');
        long[] shape = c.shape();
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
        String dict = "{'descr': '" + (isInt ? "<i4" : "<f4") + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        long n = c.length();
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        if (isInt) {
            data.asIntBuffer().put(c.reshape(n).toIntVector());
        } else {
            data.asFloatBuffer().put(c.reshape(n).toFloatVector());
        }
        out.write(data.array());
    }

    private static String group(Pattern p, String header, String source, String field) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(source + ": .npy header has no " + field + ": " + header.trim());
        }
        return m.group(1);
    }
}
