package org.boe4j.bert.safetensors;

/**
 * The element types of the safetensors format, in the declaration order of the reference implementation's
 * {@code Dtype} enum (huggingface/safetensors, {@code tensor.rs}); the writer sorts tensors by this order,
 * descending, then by name, as the reference does.
 */
public enum SafetensorsDtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
    F64(8), I64(8), U64(8);

    private final int byteSize;

    SafetensorsDtype(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** True for the types boe4j reads as float32 values: F32, F16 and BF16 (converted exactly). */
    public boolean isFloat32Convertible() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** @return the type of that header name, or null when unknown */
    public static SafetensorsDtype parse(String name) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
