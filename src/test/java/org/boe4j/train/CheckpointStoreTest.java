package org.boe4j.train;

import org.boe4j.io.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripIsBitExact() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 3);
        Checkpoint c = checkpoint(17, 1);
        Path dir = store.save(c);
        assertThat(dir.getFileName().toString()).isEqualTo("step-000000017");
        Checkpoint back = CheckpointStore.load(dir);
        assertThat(back.progress()).isEqualTo(c.progress());
        assertThat(back.provenance()).isEqualTo(c.provenance());
        assertBitEqual(back.weights(), c.weights());
        assertBitEqual(back.firstMoments(), c.firstMoments());
        assertBitEqual(back.secondMoments(), c.secondMoments());
        assertThat(back.weights().get("encoder.layer.0.attention.self.query.weight").shape()).containsExactly(3, 4);
        String json = Files.readString(dir.resolve("state.json"));
        assertThat(json).contains("\"formatVersion\": 1").contains("\"format\": \"boe4j-checkpoint\"")
                .contains("\"weightsSha256\": \"" + Checksums.sha256(dir.resolve("model.safetensors")) + "\"")
                .contains("\"nd4jNodeState\": -5").contains("\"optimizer.safetensors\"");
        // the weights file is a plain safetensors file with the HF names; the moments carry PyTorch's state names
        try (org.boe4j.bert.safetensors.SafetensorsFile f =
                     org.boe4j.bert.safetensors.SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertThat(f.tensors().keySet()).containsExactlyInAnyOrderElementsOf(c.weights().keySet());
            assertThat(f.metadata()).containsEntry("format", "pt");
        }
        try (org.boe4j.bert.safetensors.SafetensorsFile f =
                     org.boe4j.bert.safetensors.SafetensorsFile.open(dir.resolve("optimizer.safetensors"))) {
            assertThat(f.tensors().keySet()).contains("exp_avg.pooler.dense.bias", "exp_avg_sq.pooler.dense.bias")
                    .hasSize(6);
        }
        // deterministic layout: the same weights give the same bytes, hence the same checksum
        Path again = new CheckpointStore(tmp.resolve("again"), 1).save(c);
        assertThat(Checksums.sha256(again.resolve("model.safetensors")))
                .isEqualTo(Checksums.sha256(dir.resolve("model.safetensors")));
    }

    /** Tensors are streamed from their off-heap buffers: views (offset, strided) must be written as their values. */
    @Test
    void viewsAreWrittenAsTheirValues() throws IOException {
        INDArray base = Nd4j.arange(0, 24).castTo(DataType.FLOAT).reshape(4, 6);
        Map<String, INDArray> w = new LinkedHashMap<>();
        w.put("offset.row", base.getRow(2));                                           // offset 12, contiguous
        w.put("strided.column", base.getColumn(3));                                    // stride 6
        w.put("block", base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5)));                  // 2x3 block
        CheckpointStore store = new CheckpointStore(tmp, 1);
        store.saveBest(w, 1, 0.5);
        Map<String, INDArray> back = store.loadBest().orElseThrow().weights();
        assertThat(back.get("offset.row").toFloatVector()).containsExactly(12, 13, 14, 15, 16, 17);
        assertThat(back.get("strided.column").toFloatVector()).containsExactly(3, 9, 15, 21);
        assertThat(back.get("block").toFloatMatrix()).isDeepEqualTo(new float[][]{{8, 9, 10}, {14, 15, 16}});
    }

    @Test
    void keepsOnlyTheNewestK() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 2);
        for (int step = 1; step <= 4; step++) {
            store.save(checkpoint(step, step));
        }
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-000000003", "step-000000004");
        assertThat(store.latest()).contains(tmp.resolve("checkpoints/step-000000004"));
    }

    @Test
    void latestIgnoresPartialDirectories() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 3);
        store.save(checkpoint(5, 1));
        // what a kill during a write leaves: a hidden temporary directory, never a visible partial one;
        // a visible directory without state.json (copied by hand, say) is not a checkpoint either
        Files.createDirectories(tmp.resolve("checkpoints/.step-000000009.12345"));
        Files.createDirectories(tmp.resolve("checkpoints/step-000000010/weights"));
        assertThat(store.latest()).contains(tmp.resolve("checkpoints/step-000000005"));
        assertThatThrownBy(() -> CheckpointStore.load(tmp.resolve("checkpoints/step-000000010")))
                .isInstanceOf(CorruptCheckpointException.class).hasMessageContaining("no state.json");
    }

    @Test
    void aFlippedByteIsRejectedNamingTheFile() throws IOException {
        Path dir = new CheckpointStore(tmp, 1).save(checkpoint(3, 2));
        Path f = dir.resolve("optimizer.safetensors");
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> CheckpointStore.load(dir)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("optimizer.safetensors").hasMessageContaining("SHA-256");
    }

    @Test
    void aTruncatedOrMissingFileIsRejected() throws IOException {
        Path dir = new CheckpointStore(tmp, 1).save(checkpoint(3, 2));
        Path f = dir.resolve("model.safetensors");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 4));
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("model.safetensors")
                .hasMessageContaining("bytes");
        Files.delete(f);
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("missing");
    }

    @Test
    void unlistedFilesTamperedChecksumAndOtherVersionsAreRejected() throws IOException {
        Path dir = new CheckpointStore(tmp, 1).save(checkpoint(3, 2));
        Files.writeString(dir.resolve("extra.bin"), "x");
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("not listed")
                .hasMessageContaining("extra.bin");
        Files.delete(dir.resolve("extra.bin"));

        Path state = dir.resolve("state.json");
        String json = Files.readString(state);
        Files.writeString(state, json.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("version 1")
                .hasMessageContaining("found boe4j-checkpoint version 2");

        String sha = json.replaceAll("(?s).*\"weightsSha256\": \"([0-9a-f]+)\".*", "$1");
        Files.writeString(state, json.replace("\"weightsSha256\": \"" + sha, "\"weightsSha256\": \"" + "0".repeat(64)));
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("weightsSha256");

        Files.writeString(state, json.substring(0, json.length() / 2), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CheckpointStore.load(dir)).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("state.json");
    }

    @Test
    void bestModelRoundTrip() throws IOException {
        CheckpointStore store = new CheckpointStore(tmp, 1);
        assertThat(store.loadBest()).isEmpty();
        Checkpoint c = checkpoint(8, 4);
        store.saveBest(c.weights(), 8, 0.8125);
        store.saveBest(c.firstMoments(), 12, 0.875); // replaces
        CheckpointStore.BestModel best = store.loadBest().orElseThrow();
        assertThat(best.step()).isEqualTo(12);
        assertThat(best.metric()).isEqualTo(0.875);
        assertBitEqual(best.weights(), c.firstMoments());
    }

    @Test
    void nonFloatTensorsAreRefused() {
        CheckpointStore store = new CheckpointStore(tmp, 1);
        Map<String, INDArray> dbl = Map.of("w", Nd4j.zeros(DataType.DOUBLE, 2));
        assertThatThrownBy(() -> store.saveBest(dbl, 1, 0)).hasMessageContaining("float32");
        assertThat(tmp.resolve("best")).doesNotExist();
    }

    // ---------------------------------------------------------------------------------------------------------

    static Checkpoint checkpoint(long step, int seed) {
        Random r = new Random(seed);
        Map<String, INDArray> w = new LinkedHashMap<>();
        Map<String, INDArray> m = new LinkedHashMap<>();
        Map<String, INDArray> v = new LinkedHashMap<>();
        String[] names = {"encoder.layer.0.attention.self.query.weight", "embeddings.LayerNorm.weight", "pooler.dense.bias"};
        long[][] shapes = {{3, 4}, {4}, {4}};
        for (int i = 0; i < names.length; i++) {
            w.put(names[i], randomWithSpecials(r, shapes[i]));
            m.put(names[i], randomWithSpecials(r, shapes[i]));
            v.put(names[i], randomWithSpecials(r, shapes[i]).muli(0).addi(r.nextFloat()));
        }
        TrainingProgress progress = new TrainingProgress(step, 2, 5, 1.0 / 3.0, 4, false,
                new TrainingProgress.RngState(42, Long.MAX_VALUE - 7, -5_199_199_243_277_385_003L),
                new EarlyStopping.State(0.734375, 6, 1));
        TrainingProvenance prov = new TrainingProvenance("boe4j test", "ab".repeat(32), "",
                Map.of("train.tsv", "cd".repeat(32)), Map.of("learningRate", "2.0E-5", "batchSize", "32"), 42,
                "2026-11-28T14:00:00Z");
        return new Checkpoint(progress, prov, w, m, v);
    }

    /** Random floats plus values a lossy format would change: -0.0, a subnormal, the largest float, 1/3. */
    private static INDArray randomWithSpecials(Random r, long[] shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        f[0] = -0.0f;
        f[1] = Float.MIN_VALUE;
        f[2] = Float.MAX_VALUE;
        f[3] = 1f / 3f;
        return Nd4j.create(f, shape, 'c');
    }

    static void assertBitEqual(Map<String, INDArray> actual, Map<String, INDArray> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(actual.get(k).shape()).as(k).isEqualTo(expected.get(k).shape());
            float[] a = actual.get(k).dup().data().asFloat();
            float[] e = expected.get(k).dup().data().asFloat();
            for (int i = 0; i < e.length; i++) {
                assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d]", k, i).isEqualTo(Float.floatToRawIntBits(e[i]));
            }
        }
    }
}
