package org.boe4j.eval;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertParameters;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.HiddenAct;
import org.boe4j.bert.TestWeights;
import org.boe4j.bert.safetensors.SafetensorsDtype;
import org.boe4j.bert.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A Hugging Face BERT directory with M-BERT's real tokenizer (tokenizer.json, vocab.txt copied from the converted
 * weights) and a tiny random encoder (hidden 32, 2 layers, 64 positions; N(0, 0.02) weights, LayerNorm 1/0, from
 * a seeded {@link Random}), so that the experiment runner can be tested end to end in seconds.
 */
public final class TinyEncoder {

    private TinyEncoder() {
    }

    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path mbert = TestWeights.mbertDir();
        for (String f : List.of("tokenizer.json", "vocab.txt")) {
            Files.copy(mbert.resolve(f), dir.resolve(f));
        }
        BertConfig config = BertConfig.tiny(BertConfig.multilingualCased().vocabSize(), HiddenAct.GELU_TANH);
        config.write(dir.resolve(BertWeights.CONFIG));
        Map<String, long[]> shapes = BertParameters.expectedShapes(config);
        List<SafetensorsWriter.TensorSpec> specs = new ArrayList<>();
        shapes.forEach((name, shape) -> specs.add(new SafetensorsWriter.TensorSpec(name, SafetensorsDtype.F32, shape)));
        Random random = new Random(42);
        SafetensorsWriter.write(dir.resolve(BertWeights.MODEL), specs, Map.of("format", "pt"), (t, sink) -> {
            long n = 1;
            for (long d : t.shape()) {
                n *= d;
            }
            float[] values = new float[(int) n];
            boolean layerNormWeight = t.name().endsWith("LayerNorm.weight");
            for (int i = 0; i < values.length; i++) {
                values[i] = layerNormWeight ? 1f : t.name().endsWith(".bias") ? 0f
                        : (float) (0.02 * random.nextGaussian());
            }
            sink.writeFloats(values);
        });
        return dir;
    }
}
