package org.boe4j.bert.checkpoint;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C (Castagnoli) as TensorFlow and LevelDB store it. Both store a <em>masked</em> value, so that a CRC
 * computed over bytes that themselves embed CRCs stays well distributed (leveldb {@code util/crc32c.h},
 * TF {@code tsl/lib/hash/crc32c.h}):
 * <pre>
 *   mask(c)   = ((c >>> 15) | (c << 17)) + 0xa282ead8      (rotate right by 15, add a constant)
 *   unmask(m) = rotate left by 15 of (m - 0xa282ead8)
 * </pre>
 * {@link CRC32C} computes the raw (unmasked) value.
 */
public final class Crc32c {

    static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }

    /** The raw CRC-32C of the remaining bytes of {@code data} (its position is not moved). */
    public static int of(ByteBuffer data) {
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }

    public static int of(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
