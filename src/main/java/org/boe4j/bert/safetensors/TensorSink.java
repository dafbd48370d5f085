package org.boe4j.bert.safetensors;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a {@link SafetensorsWriter} caller writes one tensor's bytes, little-endian, through a 1 MiB staging
 * buffer (so a 700 MB file costs neither a heap copy nor a system call per value). Counts what it writes, so
 * the writer can check every tensor got exactly its declared byte count.
 */
public final class TensorSink {

    private static final int CHUNK = 1 << 20;

    private final OutputStream out;
    private final byte[] staging = new byte[CHUNK];
    private final ByteBuffer stagingView = ByteBuffer.wrap(staging).order(ByteOrder.LITTLE_ENDIAN);
    private long count;

    TensorSink(OutputStream out) {
        this.out = out;
    }

    /** Writes the remaining bytes of {@code src} (which must already be little-endian data); src is not moved. */
    public void write(ByteBuffer src) throws IOException {
        ByteBuffer b = src.duplicate();
        while (b.hasRemaining()) {
            int n = Math.min(CHUNK, b.remaining());
            b.get(staging, 0, n);
            out.write(staging, 0, n);
            count += n;
        }
    }

    /** Writes {@code values} as little-endian float32. */
    public void writeFloats(float[] values) throws IOException {
        for (int start = 0; start < values.length; start += CHUNK / 4) {
            int n = Math.min(CHUNK / 4, values.length - start);
            stagingView.clear();
            stagingView.asFloatBuffer().put(values, start, n);
            out.write(staging, 0, 4 * n);
            count += 4L * n;
        }
    }

    long count() {
        return count;
    }

    void resetCount() {
        count = 0;
    }
}
