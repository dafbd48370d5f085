package org.boe4j.bert.fused;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Host-memory access to ND4J arrays for the Java kernels: NIO views for element loops and JavaCPP pointers for
 * BLAS. Only C-ordered arrays with default strides and no offset are addressed directly (what the session allocates
 * and what a reshape of such an array gives); anything else is copied once by {@link #contiguous}.
 */
final class HostArrays {

    private HostArrays() {
    }

    /** {@code a} itself if it is C-ordered, dense and starts its buffer; otherwise a C-ordered copy. */
    static INDArray contiguous(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    /** Row-major dense from the buffer's start: strides of size-1 dimensions do not matter (ND4J sets them freely). */
    static boolean isDense(INDArray a) {
        if (a.offset() != 0) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static long address(INDArray a) {
        if (!isDense(a)) {
            throw new IllegalArgumentException("not a dense C-ordered array without offset: " + a.shapeInfoToString());
        }
        return a.data().address();
    }

    private static long bytes(INDArray a) {
        long bytes = a.length() * a.dataType().width();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is too large for the Java kernels (2 GB)");
        }
        return bytes;
    }

    static FloatBuffer floats(INDArray a) {
        check(a, DataType.FLOAT);
        return new RawPointer(address(a), bytes(a)).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    static DoubleBuffer doubles(INDArray a) {
        check(a, DataType.DOUBLE);
        return new RawPointer(address(a), bytes(a)).asByteBuffer().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** A BLAS argument at element {@code offset} of {@code a} (float32). */
    static FloatPointer floatPointer(INDArray a, long offset) {
        check(a, DataType.FLOAT);
        long base = address(a) + 4 * offset;
        return new FloatPointer() {
            {
                address = base;
            }
        };
    }

    /** A BLAS argument at element {@code offset} of {@code a} (float64). */
    static DoublePointer doublePointer(INDArray a, long offset) {
        check(a, DataType.DOUBLE);
        long base = address(a) + 8 * offset;
        return new DoublePointer() {
            {
                address = base;
            }
        };
    }

    private static void check(INDArray a, DataType type) {
        if (a.dataType() != type) {
            throw new IllegalArgumentException("expected " + type + ", found " + a.dataType());
        }
    }

    /** A byte range of native memory that JavaCPP does not own (no deallocator). */
    private static final class RawPointer extends Pointer {
        RawPointer(long address, long bytes) {
            this.address = address;
            this.capacity = bytes;
            this.limit = bytes;
        }
    }
}
