package org.boe4j.bert.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors file as its header describes it.
 *
 * @param begin first byte, relative to the start of the data section (header field {@code data_offsets[0]})
 * @param end   one past the last byte ({@code data_offsets[1]})
 */
public record TensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    public long numElements() {
        return numElements(shape);
    }

    public long byteLength() {
        return end - begin;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    static long numElements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
