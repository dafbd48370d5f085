package org.boe4j.bert.safetensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Files whose bytes are laid out by hand here, from the format description, not by our writer. */
class SafetensorsFormatTest {

    @TempDir
    Path dir;

    /** 8-byte little-endian header length, the header padded with spaces to a multiple of 8, then the data. */
    static byte[] layout(String header, int... data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.writeBytes(h);
        for (int i = h.length; i < padded; i++) {
            out.write(' ');
        }
        for (int b : data) {
            out.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void readsF32F16AndBf16FromHandLaidBytes() throws IOException {
        byte[] file = layout("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[8,14]},"
                        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[14,16]},"
                        + "\"__metadata__\":{\"format\":\"pt\"}}",
                0x00, 0x00, 0xc0, 0x3f,   // 1.5f  = 0x3fc00000
                0x00, 0x00, 0x00, 0xc0,   // -2f   = 0xc0000000
                0x00, 0x3c,               // half 1.0    = 0x3c00
                0x00, 0xb8,               // half -0.5   = 0xb800
                0x01, 0x00,               // half 2^-24  = 0x0001 (smallest subnormal)
                0x40, 0xc0);              // bfloat16 -3 = upper half of 0xc0400000
        Path f = dir.resolve("hand.safetensors");
        Files.write(f, file);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertThat(st.tensors().keySet()).containsExactly("a", "h", "b");
            assertThat(st.metadata()).isEqualTo(Map.of("format", "pt"));
            assertThat(st.floats("a")).containsExactly(1.5f, -2f);
            assertThat(st.floats("h")).containsExactly(1f, -0.5f, (float) Math.pow(2, -24));
            assertThat(st.floats("b")).containsExactly(-3f);
            assertThat(st.info("b").shape()).containsExactly(1, 1);
        }
    }

    @Test
    void halfPrecisionSpecialValues() {
        assertThat(SafetensorsFile.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(SafetensorsFile.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(SafetensorsFile.halfToFloat((short) 0x7e00)).isNaN();
        assertThat(SafetensorsFile.halfToFloat((short) 0x7bff)).isEqualTo(65504f); // largest half
        assertThat(SafetensorsFile.halfToFloat((short) 0x0400)).isEqualTo((float) Math.pow(2, -14)); // smallest normal
        assertThat(SafetensorsFile.halfToFloat((short) 0x8000)).isEqualTo(-0f);
    }

    @Test
    void writerProducesTheReferenceLayoutByteForByte() throws IOException {
        Path f = dir.resolve("w.safetensors");
        List<SafetensorsWriter.TensorSpec> specs = List.of(
                new SafetensorsWriter.TensorSpec("b", SafetensorsDtype.F32, new long[]{1}),
                new SafetensorsWriter.TensorSpec("a", SafetensorsDtype.F32, new long[]{2}),
                new SafetensorsWriter.TensorSpec("i", SafetensorsDtype.I64, new long[]{1}));
        SafetensorsWriter.write(f, specs, Map.of("format", "pt"), (t, sink) -> {
            switch (t.name()) {
                case "a" -> sink.writeFloats(new float[]{0.5f, -1f});
                case "b" -> sink.writeFloats(new float[]{1f});
                default -> sink.write(ByteBuffer.wrap(new byte[]{7, 0, 0, 0, 0, 0, 0, 0}));
            }
        });
        // the reference sorts by dtype descending (I64 after F32 in its enum, so first), then by name
        byte[] expected = layout("{\"__metadata__\":{\"format\":\"pt\"},"
                        + "\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}",
                7, 0, 0, 0, 0, 0, 0, 0,
                0x00, 0x00, 0x00, 0x3f,   // 0.5f = 0x3f000000
                0x00, 0x00, 0x80, 0xbf,   // -1f  = 0xbf800000
                0x00, 0x00, 0x80, 0x3f);  // 1f   = 0x3f800000
        assertThat(Files.readAllBytes(f)).isEqualTo(expected);
        assertThat((Files.readAllBytes(f).length - 20) % 8).as("data section starts 8-byte aligned").isZero();
    }
}
