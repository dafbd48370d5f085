package org.boe4j.bert.checkpoint;

import java.io.IOException;
import java.util.Arrays;

/**
 * A minimal reader of the protocol-buffers wire format (https://protobuf.dev/programming-guides/encoding/),
 * enough for the few messages of a TF checkpoint bundle. Each field is a varint key
 * {@code (field_number << 3) | wire_type}, followed by a value whose encoding the wire type gives:
 * 0 varint, 1 fixed64, 2 length-delimited (bytes, strings, embedded messages, packed repeats), 5 fixed32.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private final int end;
    private final String what;
    private int pos;

    /** @param what names the message in error messages ("variables.index: entry 'x'") */
    ProtoReader(byte[] buf, int offset, int length, String what) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.what = what;
    }

    ProtoReader(byte[] buf, String what) {
        this(buf, 0, buf.length, what);
    }

    boolean hasMore() {
        return pos < end;
    }

    /** Reads a field key; returns it whole (use {@link #fieldNumber} and {@link #wireType}). */
    int readKey() throws IOException {
        long key = readVarint();
        if (key <= 0 || key > Integer.MAX_VALUE || (key >>> 3) == 0) {
            throw error("invalid field key " + key);
        }
        return (int) key;
    }

    static int fieldNumber(int key) {
        return key >>> 3;
    }

    static int wireType(int key) {
        return key & 7;
    }

    /** Base-128 varint, least significant group first; up to 10 bytes for 64 bits. */
    long readVarint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw error("truncated varint");
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw error("varint longer than 10 bytes");
    }

    int readFixed32() throws IOException {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** The next {@code n} raw bytes. */
    byte[] readBytes(long n) throws IOException {
        if (n < 0 || n > end - pos) {
            throw error("needs " + n + " bytes, " + (end - pos) + " left (truncated)");
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    /** A length-delimited value, as a sub-reader over its bytes. */
    ProtoReader readMessage(String subWhat) throws IOException {
        long length = readVarint();
        if (length < 0 || length > end - pos) {
            throw error("length-delimited field of " + length + " bytes overruns the message (" + (end - pos) + " left)");
        }
        ProtoReader sub = new ProtoReader(buf, pos, (int) length, what + subWhat);
        pos += (int) length;
        return sub;
    }

    /** Skips a field of an unknown number (forward compatibility, as protobuf parsers do). */
    void skip(int key) throws IOException {
        switch (wireType(key)) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> readMessage("");
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw error("unsupported wire type " + wireType(key) + " in field " + fieldNumber(key));
        }
    }

    /** Checks that field {@code key} has the wire type the schema declares. */
    void expect(int key, int wireType) throws IOException {
        if (wireType(key) != wireType) {
            throw error("field " + fieldNumber(key) + " has wire type " + wireType(key) + ", expected " + wireType);
        }
    }

    private void need(int n) throws IOException {
        if (end - pos < n) {
            throw error("truncated: needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    IOException error(String message) {
        return new IOException(what + ": " + message);
    }
}
