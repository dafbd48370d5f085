package org.boe4j.bert.safetensors;

import org.boe4j.bert.safetensors.SafetensorsWriter.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameTensors() throws IOException {
        Random random = new Random(7);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("encoder.layer.10.output.dense.weight", new long[]{3, 5});
        shapes.put("encoder.layer.2.output.dense.weight", new long[]{5, 3});
        shapes.put("embeddings.word_embeddings.weight", new long[]{300_000, 4}); // > 1 MiB: several sink chunks
        shapes.put("empty", new long[]{0, 7});
        shapes.put("scalar", new long[]{});
        shapes.forEach((name, shape) -> {
            float[] v = new float[(int) TensorInfo.numElements(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            values.put(name, v);
        });
        Path f = dir.resolve("m.safetensors");
        List<TensorSpec> specs = shapes.entrySet().stream()
                .map(e -> new TensorSpec(e.getKey(), SafetensorsDtype.F32, e.getValue())).toList();
        SafetensorsWriter.write(f, specs, Map.of("format", "pt", "note", "a \"quoted\" <value>"),
                (t, sink) -> sink.writeFloats(values.get(t.name())));
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            // names sorted by bytes: "encoder.layer.10" before "encoder.layer.2", as HF writes them
            assertThat(st.tensors().keySet()).containsExactly("embeddings.word_embeddings.weight", "empty",
                    "encoder.layer.10.output.dense.weight", "encoder.layer.2.output.dense.weight", "scalar");
            assertThat(st.metadata()).containsEntry("note", "a \"quoted\" <value>");
            for (String name : shapes.keySet()) {
                assertThat(st.info(name).shape()).containsExactly(shapes.get(name));
                assertThat(st.floats(name)).as(name).isEqualTo(values.get(name));
            }
        }
        assertThat(Files.list(dir)).containsExactly(f); // no temporary file left behind
    }

    @Test
    void writerRefusesAWrongByteCountAndLeavesNoFile() {
        Path f = dir.resolve("bad.safetensors");
        assertThatThrownBy(() -> SafetensorsWriter.write(f,
                List.of(new TensorSpec("t", SafetensorsDtype.F32, new long[]{3})), Map.of(),
                (t, sink) -> sink.writeFloats(new float[2])))
                .hasMessageContaining("tensor 't' F32[3] needs 12 bytes, but 8 were written");
        assertThat(dir).isEmptyDirectory();
    }
}
