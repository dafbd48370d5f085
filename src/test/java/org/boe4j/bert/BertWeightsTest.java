package org.boe4j.bert;

import org.boe4j.bert.safetensors.SafetensorsDtype;
import org.boe4j.bert.safetensors.SafetensorsWriter.TensorSpec;
import org.boe4j.bert.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading hand-built Hugging Face directories of a tiny BERT: the accepted variants and every rejected one. */
class BertWeightsTest {

    static final BertConfig TINY = BertConfig.tiny(20, HiddenAct.GELU_ERF);

    @TempDir
    Path dir;

    /** The value stored at flat index {@code i} of tensor {@code name}: unique per tensor, easy to check. */
    static float value(String name, int i) {
        return (Math.floorMod(name.hashCode(), 1000) + i * 1e-3f);
    }

    /**
     * Writes config.json and model.safetensors with the BertModel tensors of {@link #TINY}, each renamed by
     * {@code rename} (null drops it), plus {@code extra} tensors, all F32 unless named in {@code dtypes}.
     */
    private Path write(UnaryOperator<String> rename, Map<String, long[]> extra, Map<String, SafetensorsDtype> dtypes)
            throws IOException {
        TINY.write(dir.resolve("config.json"));
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        BertParameters.expectedShapes(TINY).forEach((name, shape) -> {
            String fileName = rename.apply(name);
            if (fileName != null) {
                shapes.put(fileName, shape);
                source.put(fileName, name);
            }
        });
        shapes.putAll(extra);
        List<TensorSpec> specs = new ArrayList<>();
        shapes.forEach((n, s) -> specs.add(new TensorSpec(n, dtypes.getOrDefault(n, SafetensorsDtype.F32), s)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), specs, Map.of("format", "pt"), (t, sink) -> {
            int n = (int) (t.byteLength() / t.dtype().byteSize());
            String name = source.getOrDefault(t.name(), t.name());
            if (t.dtype() == SafetensorsDtype.F32) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = value(name, i);
                }
                sink.writeFloats(v);
            } else if (t.dtype() == SafetensorsDtype.BF16) {
                ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    b.putShort((short) (Float.floatToIntBits(value(name, i)) >>> 16)); // truncate to bfloat16
                }
                sink.write(b.flip());
            } else {
                sink.write(ByteBuffer.allocate((int) t.byteLength()));
            }
        });
        return dir;
    }

    Path write(UnaryOperator<String> rename) throws IOException {
        return write(rename, Map.of(), Map.of());
    }

    @Test
    void loadsBertModelNamesWithValuesAndShapes() throws IOException {
        try (BertWeights w = BertWeights.load(write(n -> n))) {
            assertThat(w.config()).isEqualTo(TINY);
            assertThat(w.tensors().keySet()).containsExactlyElementsOf(BertParameters.expectedShapes(TINY).keySet());
            String q = "encoder.layer.1.attention.self.query.weight";
            assertThat(w.get(q).shape()).containsExactly(32, 32);
            assertThat(w.get(q).getFloat(3, 5)).isEqualTo(value(q, 3 * 32 + 5));
            assertThat(w.get("embeddings.LayerNorm.bias").getFloat(31)).isEqualTo(value("embeddings.LayerNorm.bias", 31));
        }
    }

    @Test
    void acceptsBertPrefixLegacyLayerNormNamesPretrainingHeadsAndPositionIds() throws IOException {
        UnaryOperator<String> hfPretraining = n -> "bert." + n.replace("LayerNorm.weight", "LayerNorm.gamma")
                .replace("LayerNorm.bias", "LayerNorm.beta");
        Map<String, long[]> extra = Map.of("cls.predictions.bias", new long[]{20},
                "cls.predictions.decoder.weight", new long[]{20, 32},
                "bert.embeddings.position_ids", new long[]{1, 64});
        try (BertWeights w = BertWeights.load(write(hfPretraining, extra,
                Map.of("bert.embeddings.position_ids", SafetensorsDtype.I64)))) {
            assertThat(w.tensors()).hasSize(BertParameters.expectedShapes(TINY).size());
            assertThat(w.get("encoder.layer.0.output.LayerNorm.weight").getFloat(7))
                    .isEqualTo(value("encoder.layer.0.output.LayerNorm.weight", 7));
        }
    }

    @Test
    void widensBfloat16() throws IOException {
        String name = "pooler.dense.bias";
        try (BertWeights w = BertWeights.load(write(n -> n, Map.of(), Map.of(name, SafetensorsDtype.BF16)))) {
            float expected = Float.intBitsToFloat(Float.floatToIntBits(value(name, 4)) & 0xffff0000);
            assertThat(w.get(name).getFloat(4)).isEqualTo(expected);
        }
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        write(n -> n.equals("encoder.layer.1.output.dense.bias") ? null : n);
        assertThatThrownBy(() -> BertWeights.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("model.safetensors: missing 1 tensor(s): [encoder.layer.1.output.dense.bias]");
    }

    @Test
    void unexpectedTensorIsNamed() throws IOException {
        write(n -> n, Map.of("encoder.layer.2.output.dense.bias", new long[]{32}), Map.of());
        assertThatThrownBy(() -> BertWeights.load(dir))
                .hasMessageContaining("unexpected tensor 'encoder.layer.2.output.dense.bias' (not a parameter of a"
                        + " BertModel with 2 layers)");
    }

    @Test
    void duplicateUnderBothNamesIsAnError() throws IOException {
        write(n -> n, Map.of("bert.pooler.dense.bias", new long[]{32}), Map.of());
        assertThatThrownBy(() -> BertWeights.load(dir))
                .hasMessageContaining("tensors 'bert.pooler.dense.bias' and 'pooler.dense.bias' are both pooler.dense.bias");
    }

    @Test
    void misshapedTensorShowsExpectedAndFound() throws IOException {
        TINY.write(dir.resolve("config.json"));
        write(n -> n.equals("encoder.layer.0.intermediate.dense.weight") ? null : n,
                Map.of("encoder.layer.0.intermediate.dense.weight", new long[]{32, 64}), Map.of());
        assertThatThrownBy(() -> BertWeights.load(dir))
                .hasMessageContaining("tensor 'encoder.layer.0.intermediate.dense.weight' has shape [32, 64], expected"
                        + " [64, 32]");
    }

    @Test
    void wrongDtypeIsNamed() throws IOException {
        write(n -> n, Map.of(), Map.of("embeddings.token_type_embeddings.weight", SafetensorsDtype.I32));
        assertThatThrownBy(() -> BertWeights.load(dir))
                .hasMessageContaining("tensor 'embeddings.token_type_embeddings.weight' has dtype I32, expected F32");
    }

    @Test
    void missingFilesAndBadConfig() throws IOException {
        assertThatThrownBy(() -> BertWeights.load(dir.resolve("nowhere"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("weights directory is missing");
        assertThatThrownBy(() -> BertWeights.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("config.json is missing");
        TINY.write(dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[1]);
        assertThatThrownBy(() -> BertWeights.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("model.safetensors is missing (found pytorch_model.bin: only safetensors");
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json"))
                .replace("\"gelu\"", "\"relu\""));
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessageContaining("config.json")
                .hasMessageContaining("unknown hidden_act \"relu\"");
    }

    @Test
    void truncatedSafetensorsIsReported() throws IOException {
        write(n -> n);
        Path model = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessageContaining(model.toString())
                .hasMessageContaining("runs past the end of the file of 100 bytes (truncated?)");
    }
}
