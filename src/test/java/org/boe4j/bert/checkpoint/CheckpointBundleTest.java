package org.boe4j.bert.checkpoint;

import org.boe4j.bert.checkpoint.TestBundleWriter.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Synthetic bundles written by {@link TestBundleWriter}: reading them back, and every kind of damage. */
class CheckpointBundleTest {

    @TempDir
    Path dir;

    /** Names sharing long prefixes (prefix compression) and enough entries for several 64-byte data blocks. */
    static List<Tensor> sample() {
        return List.of(
                new Tensor("bert/embeddings/LayerNorm/beta", new long[]{3}, new float[]{0.5f, -1.25f, 3f}),
                new Tensor("bert/embeddings/LayerNorm/gamma", new long[]{3}, new float[]{1f, 2f, 4f}),
                new Tensor("bert/encoder/layer_0/kernel", new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}),
                new Tensor("bert/encoder/layer_1/kernel", new long[]{3, 2}, new float[]{-1, -2, -3, -4, -5, -6}),
                new Tensor("bert/pooler/dense/bias", new long[]{1}, new float[]{Float.MIN_VALUE}),
                new Tensor("scalar", new long[]{}, new float[]{42f}));
    }

    @Test
    void readsBackEveryTensorInNameOrder() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        try (CheckpointBundle b = CheckpointBundle.open(index)) {
            assertThat(b.entries().keySet()).containsExactly(sample().stream().map(Tensor::name).toArray(String[]::new));
            assertThat(b.totalValues()).isEqualTo(3 + 3 + 6 + 6 + 1 + 1);
            for (Tensor t : sample()) {
                BundleEntry e = b.entry(t.name());
                assertThat(e.dtype()).isEqualTo(TfDataType.FLOAT);
                assertThat(e.shape()).containsExactly(t.shape());
                assertThat(b.floats(e)).containsExactly(t.values());
            }
            BundleEntry gamma = b.entry("bert/embeddings/LayerNorm/gamma");
            assertThat(gamma.offset()).isEqualTo(12); // after beta's 3 floats
            assertThat(gamma.size()).isEqualTo(12);
        }
    }

    @Test
    void truncatedIndexIsReported() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> CheckpointBundle.open(index)).isInstanceOf(IOException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("bad table magic")
                .hasMessageContaining("truncated");
        Files.write(index, Arrays.copyOf(bytes, 20));
        assertThatThrownBy(() -> CheckpointBundle.open(index))
                .hasMessageContaining("shorter than the 48-byte table footer");
    }

    @Test
    void corruptIndexBlockFailsItsChecksum() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        byte[] bytes = Files.readAllBytes(index);
        bytes[5] ^= 0x01; // inside the first data block's first key
        Files.write(index, bytes);
        assertThatThrownBy(() -> CheckpointBundle.open(index))
                .hasMessageContaining("data block at 0: block checksum mismatch");
    }

    @Test
    void snappyBlocksAreRejectedClearly() throws IOException {
        Path index = new TestBundleWriter().compressionType(1).write(dir, "variables", sample());
        assertThatThrownBy(() -> CheckpointBundle.open(index)).hasMessageContaining("Snappy-compressed block");
    }

    @Test
    void truncatedDataFileNamesTheTensor() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        Path data = dir.resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> CheckpointBundle.open(index))
                .hasMessageContaining(data.toString())
                .hasMessageContaining("tensor 'scalar' occupies bytes [" + (bytes.length - 4) + ", " + bytes.length
                        + ") but the file has only " + (bytes.length - 2) + " bytes (truncated?)");
    }

    @Test
    void flippedByteIsACrcMismatchNamingTheTensor() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        Path data = dir.resolve("variables.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        bytes[12 + 5] ^= 0x40; // inside LayerNorm/gamma [12, 24)
        Files.write(data, bytes);
        try (CheckpointBundle b = CheckpointBundle.open(index)) {
            assertThat(b.floats(b.entry("bert/embeddings/LayerNorm/beta"))).containsExactly(0.5f, -1.25f, 3f);
            assertThatThrownBy(() -> b.data(b.entry("bert/embeddings/LayerNorm/gamma")))
                    .hasMessageContaining("checksum mismatch in tensor 'bert/embeddings/LayerNorm/gamma'")
                    .hasMessageContaining("bytes [12, 24)");
        }
    }

    @Test
    void missingDataShardIsNamed() throws IOException {
        Path index = new TestBundleWriter().write(dir, "variables", sample());
        Files.delete(dir.resolve("variables.data-00000-of-00001"));
        assertThatThrownBy(() -> CheckpointBundle.open(index)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("variables.data-00000-of-00001")
                .hasMessageContaining("checkpoint data shard named by");
    }

    @Test
    void wrongDtypeAndInconsistentSizeAreErrors() throws IOException {
        Path index = new TestBundleWriter().write(dir, "v", List.of(
                new Tensor("ints", new long[]{2}, new float[]{1, 2}, TfDataType.INT32.code(), -1)));
        try (CheckpointBundle b = CheckpointBundle.open(index)) {
            assertThatThrownBy(() -> b.floats(b.entry("ints"))).hasMessageContaining("tensor 'ints' has dtype INT32,"
                    + " expected FLOAT");
        }
        Path bad = new TestBundleWriter().write(dir, "w", List.of(
                new Tensor("short", new long[]{3}, new float[]{1, 2}, 1, 8)));
        assertThatThrownBy(() -> CheckpointBundle.open(bad))
                .hasMessageContaining("tensor 'short' FLOAT[3] needs 12 bytes but its entry says 8");
    }

    @Test
    void indexFileMustBeNamedDotIndex() {
        assertThatThrownBy(() -> CheckpointBundle.open(dir.resolve("variables.idx")))
                .hasMessageContaining("ends in .index");
        assertThatThrownBy(() -> CheckpointBundle.open(dir.resolve("nothing.index")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("checkpoint index file is missing");
    }
}
