package org.boe4j.bert.safetensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.boe4j.bert.safetensors.SafetensorsFormatTest.layout;

/** Every damaged file gives an error naming the file and, where one is at fault, the tensor. */
class SafetensorsCorruptionTest {

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        Path f = dir.resolve("x.safetensors");
        Files.write(f, bytes);
        return f;
    }

    private static final String GOOD = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";

    @Test
    void truncatedHeader() throws IOException {
        byte[] bytes = layout(GOOD, new int[12]);
        Path f = file(Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("runs past the end of the file of 40 bytes");
        Path g = file(new byte[5]);
        assertThatThrownBy(() -> SafetensorsFile.open(g)).hasMessageContaining("too short for the 8-byte header length");
    }

    @Test
    void truncatedDataNamesTheTensor() throws IOException {
        byte[] bytes = layout(GOOD, new int[12]);
        Path f = file(Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> SafetensorsFile.open(f))
                .hasMessageContaining("tensor 'b': data_offsets [8, 12] do not fit the data section of 11 bytes");
    }

    @Test
    void overlappingTensors() throws IOException {
        Path f = file(layout("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new int[8]));
        assertThatThrownBy(() -> SafetensorsFile.open(f))
                .hasMessageContaining("tensors 'a' [0, 8) and 'b' [4, 8) overlap");
    }

    @Test
    void byteCountMustMatchTheShape() throws IOException {
        Path f = file(layout("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new int[8]));
        assertThatThrownBy(() -> SafetensorsFile.open(f))
                .hasMessageContaining("tensor 'a': F32[3] needs 12 bytes but data_offsets [0, 8] hold 8");
    }

    @Test
    void unknownDtypeAndBadFields() throws IOException {
        Path f = file(layout("{\"a\":{\"dtype\":\"F31\",\"shape\":[2],\"data_offsets\":[0,8]}}", new int[8]));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("tensor 'a': unknown dtype \"F31\"");
        Path g = file(layout("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new int[8]));
        assertThatThrownBy(() -> SafetensorsFile.open(g)).hasMessageContaining("tensor 'a': shape has a negative entry");
        Path h = file(layout("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", new int[8]));
        assertThatThrownBy(() -> SafetensorsFile.open(h)).hasMessageContaining("data_offsets must have 2 entries");
    }

    @Test
    void headerMustBeJsonAndOfSaneLength() throws IOException {
        Path f = file(layout("not json at all", new int[0]));
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("header is not a JSON object");
        byte[] huge = layout(GOOD, new int[12]);
        huge[7] = 0x7f; // header length ~ 9e18
        Path g = file(huge);
        assertThatThrownBy(() -> SafetensorsFile.open(g)).hasMessageContaining("is not in [2, 100000000]");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> SafetensorsFile.open(dir.resolve("none.safetensors")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("safetensors file is missing");
    }

    @Test
    void nonFloatTensorsAreNotReadAsFloats() throws IOException {
        Path f = file(layout("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new int[8]));
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertThatThrownBy(() -> st.floats("ids"))
                    .hasMessageContaining("tensor 'ids' has dtype I64, expected a floating type");
        }
    }
}
