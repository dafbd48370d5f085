package org.boe4j.bert.convert;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.HiddenAct;
import org.boe4j.bert.checkpoint.TestBundleWriter.Tensor;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole conversion on a tiny fake artifact (seconds), including every way it can fail. */
class WeightsConverterTest {

    static final BertConfig TINY = BertConfig.tiny(FakeArtifact.VOCAB.size(), HiddenAct.GELU_TANH);

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final WeightsConverter converter = new WeightsConverter(TINY, new PrintStream(logBytes, true));

    private Path target() {
        return tmp.resolve("weights").resolve("tiny");
    }

    private static List<Tensor> tensors() {
        return FakeArtifact.tensors(FakeArtifact.tfShapes(TINY));
    }

    @Test
    void convertsLoadsSkipsAndReconvertsWhenDamaged() throws IOException {
        List<Tensor> tensors = tensors();
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, null);
        WeightsConverter.Result r = converter.convert(jar, target(), false);
        assertThat(r.skipped()).isFalse();
        assertThat(r.tensors()).isEqualTo(44); // 5 embeddings + 2 x 16 per layer + 2 pooler + 5 masked-LM head
        assertThat(r.values()).isEqualTo(tensors.stream().mapToLong(t -> t.values().length).sum());
        try (Stream<Path> files = Files.list(target())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "config.json", "model.safetensors", "tokenizer.json", "vocab.txt", "manifest.json");
        }
        assertThat(WeightsManifest.verify(target())).isEmpty();
        assertThat(BertConfig.read(target().resolve("config.json"))).isEqualTo(TINY);

        Map<String, Tensor> byName = new LinkedHashMap<>();
        tensors.forEach(t -> byName.put(t.name(), t));
        try (SafetensorsFile st = SafetensorsFile.open(target().resolve("model.safetensors"))) {
            assertThat(st.tensors()).hasSize(44);
            // a kernel [in=32, out=64] becomes weight [out, in]: w[o][i] = k[i][o]
            Tensor k = byName.get("module/bert/encoder/layer_1/intermediate/dense/kernel");
            float[] w = st.floats("bert.encoder.layer.1.intermediate.dense.weight");
            assertThat(st.info("bert.encoder.layer.1.intermediate.dense.weight").shape()).containsExactly(64, 32);
            for (int i = 0; i < 32; i++) {
                for (int o = 0; o < 64; o++) {
                    assertThat(w[o * 32 + i]).isEqualTo(k.values()[i * 64 + o]);
                }
            }
            assertThat(st.floats("bert.embeddings.LayerNorm.weight"))
                    .isEqualTo(byName.get("module/bert/embeddings/LayerNorm/gamma").values());
            assertThat(st.floats("cls.predictions.bias"))
                    .isEqualTo(byName.get("module/cls/predictions/output_bias").values());
            assertThat(st.metadata()).containsEntry("format", "pt");
        }
        try (BertWeights weights = BertWeights.load(target())) {
            assertThat(weights.tensors()).hasSize(39);
            assertThat(weights.get("encoder.layer.0.attention.self.query.weight").getFloat(2, 1))
                    .isEqualTo(byName.get("module/bert/encoder/layer_0/attention/self/query/kernel").values()[32 + 2]);
        }

        WeightsConverter.Result again = converter.convert(jar, target(), false);
        assertThat(again.skipped()).isTrue();
        assertThat(logBytes.toString()).contains("already converted and matches its manifest; skipping");

        Files.writeString(target().resolve("vocab.txt"), "x", StandardOpenOption.APPEND);
        assertThat(WeightsManifest.verify(target())).singleElement().asString()
                .contains("vocab.txt: ").contains(" bytes, but " + target().resolve("manifest.json") + " says ");
        assertThat(converter.convert(jar, target(), false).skipped()).isFalse();
        assertThat(logBytes.toString()).contains("does not match its manifest");
        assertThat(WeightsManifest.verify(target())).isEmpty();
    }

    @Test
    void corruptTensorFailsNamingItAndLeavesNothingBehind() throws IOException {
        List<Tensor> tensors = tensors();
        long offset = 0;
        for (Tensor t : tensors.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            if (t.name().equals("module/bert/encoder/layer_1/output/dense/kernel")) {
                break;
            }
            offset += 4L * t.values().length;
        }
        int flip = (int) offset + 100;
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, data -> data[flip] ^= 0x10);
        assertThatThrownBy(() -> converter.convert(jar, target(), false)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch in tensor 'module/bert/encoder/layer_1/output/dense/kernel'");
        assertThat(target().getParent()).isEmptyDirectory(); // neither the target nor a temporary directory
    }

    @Test
    void failedForcedConversionKeepsTheOldDirectory() throws IOException {
        Path good = FakeArtifact.write(tmp, tensors(), FakeArtifact.VOCAB, null);
        converter.convert(good, target(), false);
        Path bad = FakeArtifact.write(Files.createDirectory(tmp.resolve("bad")), tensors(), FakeArtifact.VOCAB,
                data -> data[7] ^= 1);
        assertThatThrownBy(() -> converter.convert(bad, target(), true)).hasMessageContaining("checksum mismatch");
        assertThat(WeightsManifest.verify(target())).isEmpty();
        try (Stream<Path> siblings = Files.list(target().getParent())) {
            assertThat(siblings).containsExactly(target());
        }
    }

    @Test
    void unknownTensorIsAnError() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tensors());
        tensors.add(new Tensor("module/bert/encoder/layer_0/attention/self/query/kernel/adam_m", new long[]{1},
                new float[]{0}));
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, null);
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("unknown tensor 'module/bert/encoder/layer_0/attention/self/query/kernel/adam_m'");
        assertThat(target().getParent()).isEmptyDirectory();

        List<Tensor> third = new ArrayList<>(tensors());
        third.add(new Tensor("module/bert/encoder/layer_2/output/dense/bias", new long[]{32}, new float[32]));
        Path jar3 = FakeArtifact.write(Files.createDirectory(tmp.resolve("l3")), third, FakeArtifact.VOCAB, null);
        assertThatThrownBy(() -> converter.convert(jar3, target(), false))
                .hasMessageContaining("(would be 'bert.encoder.layer.2.output.dense.bias', which a BERT with 2 layers"
                        + " does not have)");
    }

    @Test
    void missingTensorIsAnError() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tensors());
        tensors.removeIf(t -> t.name().equals("module/bert/pooler/dense/bias"));
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, null);
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("missing 1 tensor(s) of the encoder, e.g. [bert.pooler.dense.bias]");
    }

    @Test
    void wrongShapeIsAnError() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tensors());
        tensors.replaceAll(t -> t.name().equals("module/bert/encoder/layer_0/attention/self/key/kernel")
                ? new Tensor(t.name(), new long[]{32, 33}, new float[32 * 33]) : t);
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, null);
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("tensor 'module/bert/encoder/layer_0/attention/self/key/kernel' -> "
                        + "'bert.encoder.layer.0.attention.self.key.weight' has shape [33, 32], expected [32, 32]");
    }

    @Test
    void wrongDtypeIsAnError() throws IOException {
        List<Tensor> tensors = new ArrayList<>(tensors());
        tensors.replaceAll(t -> t.name().equals("module/bert/pooler/dense/bias")
                ? new Tensor(t.name(), t.shape(), t.values(), 3, -1) : t);
        Path jar = FakeArtifact.write(tmp, tensors, FakeArtifact.VOCAB, null);
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("tensor 'module/bert/pooler/dense/bias' has dtype INT32, expected FLOAT");
    }

    @Test
    void missingOrWrongVocabularyIsAnError() throws IOException {
        Path noVocab = FakeArtifact.write(tmp, tensors(), null, null);
        assertThatThrownBy(() -> converter.convert(noVocab, target(), false))
                .hasMessageContaining("lacks some of");
        Path shortVocab = FakeArtifact.write(Files.createDirectory(tmp.resolve("s")), tensors(),
                FakeArtifact.VOCAB.subList(0, 19), null);
        assertThatThrownBy(() -> converter.convert(shortVocab, target(), false))
                .hasMessageContaining("vocab.txt: 19 tokens, but vocab_size is 20");
        assertThat(target().getParent()).isEmptyDirectory();
    }

    @Test
    void aForeignDirectoryIsNotReplacedWithoutForce() throws IOException {
        Path jar = FakeArtifact.write(tmp, tensors(), FakeArtifact.VOCAB, null);
        Files.createDirectories(target());
        Files.writeString(target().resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("exists but was not written by boe4j (no manifest.json)");
        assertThat(target().resolve("notes.txt")).hasContent("mine");
        assertThat(converter.convert(jar, target(), true).skipped()).isFalse();
        assertThat(target().resolve("notes.txt")).doesNotExist();
        assertThat(WeightsManifest.verify(target())).isEmpty();
    }

    @Test
    void jarWithoutTheModelEntryIsAnError() throws IOException {
        Path jar = tmp.resolve("other.jar");
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("x"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> converter.convert(jar, target(), false))
                .hasMessageContaining("has no entry " + EasyBertArtifact.MODEL_ENTRY);
    }
}
