package org.boe4j.bert.checkpoint;

/**
 * TensorFlow's {@code DataType} enum values (tensorflow/core/framework/types.proto) that a bundle entry may name.
 * Only {@link #FLOAT} tensors are read as numbers; the others are recognised so that errors can name them.
 */
public enum TfDataType {
    FLOAT(1, 4), DOUBLE(2, 8), INT32(3, 4), UINT8(4, 1), INT16(5, 2), INT8(6, 1), STRING(7, 0),
    INT64(9, 8), BOOL(10, 1), BFLOAT16(14, 2), HALF(19, 2);

    private final int code;
    private final int byteSize;

    TfDataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    public int code() {
        return code;
    }

    /** Bytes per element, 0 for variable-length strings. */
    public int byteSize() {
        return byteSize;
    }

    /** @return the type, or null when the code is not one of the above */
    public static TfDataType of(int code) {
        for (TfDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
