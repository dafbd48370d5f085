package org.boe4j.bert.convert;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertParameters;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.TestWeights;
import org.boe4j.bert.checkpoint.BundleEntry;
import org.boe4j.bert.checkpoint.CheckpointBundle;
import org.boe4j.bert.checkpoint.TfDataType;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.bert.safetensors.TensorInfo;
import org.boe4j.io.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real M-BERT conversion (shared with other tests through {@link TestWeights#mbertDir()}), checked against
 * numbers obtained independently of our code:
 * <ul>
 *   <li>SHA-256 of vocab.txt and SHA-1 of the artifact jar: the golden README (src/test/resources/golden);</li>
 *   <li>the index entry of {@code module/bert/embeddings/LayerNorm/gamma}, decoded by hand from {@code xxd
 *       variables.index} bytes {@code 08 01 12 05 12 03 08 80 06 20 80 18 28 80 18 35 01 ca e6 ce}
 *       (dtype 1, shape [768], offset 3072, size 3072, crc32c 0xcee6ca01);</li>
 *   <li>float values read with {@code od -A d -t f4 -j OFFSET -N 16 variables.data-00000-of-00001} at the offsets
 *       of LayerNorm/gamma (3072), word_embeddings row 101 (1585152 + 101*768*4) and pooler/dense/kernel
 *       (709054464), the latter two offsets as our reader reports them (asserted below).</li>
 * </ul>
 * Then every one of the 204 tensors of the bundle (each CRC-checked) is compared with model.safetensors,
 * transposed back for kernels.
 */
class MbertConversionTest {

    static final String VOCAB_SHA256 = "fe0fda7c425b48c516fc8f160d594c8022a0808447475c1a7c6d6479763f310c";
    static final String JAR_SHA1 = "9865cb8b8ad13214909d89bfcc03cabbb453e415";
    static final long TOTAL_VALUES = 178_565_115L;

    @TempDir
    Path tmp;

    @Test
    void manifestRecordsTheSourceAndEveryFile() throws IOException {
        Path dir = TestWeights.mbertDir();
        assertThat(WeightsManifest.verify(dir)).isEmpty();
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("manifest.json"))).getAsJsonObject();
        assertThat(m.get("format_version").getAsInt()).isEqualTo(WeightsManifest.FORMAT_VERSION);
        assertThat(m.get("tensors").getAsInt()).isEqualTo(204);
        assertThat(m.get("values").getAsLong()).isEqualTo(TOTAL_VALUES);
        assertThat(m.getAsJsonObject("source").get("jar_sha1").getAsString()).isEqualTo(JAR_SHA1);
        assertThat(m.getAsJsonObject("files").getAsJsonObject("vocab.txt").get("sha256").getAsString())
                .isEqualTo(VOCAB_SHA256);
        assertThat(Checksums.sha256(dir.resolve("vocab.txt"))).isEqualTo(VOCAB_SHA256);
        assertThat(BertConfig.read(dir.resolve("config.json"))).isEqualTo(BertConfig.multilingualCased());
        assertThat(Files.readString(dir.resolve("config.json"))).contains("\"hidden_act\": \"gelu_new\"");
    }

    @Test
    void safetensorsEqualsTheBundleTensorByTensor() throws IOException {
        Path dir = TestWeights.mbertDir();
        Path src = EasyBertArtifact.extract(null, tmp.resolve("src"), n -> { });
        try (CheckpointBundle bundle = CheckpointBundle.open(src.resolve("variables.index"));
             SafetensorsFile st = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertThat(bundle.entries()).hasSize(204);
            assertThat(bundle.totalValues()).isEqualTo(TOTAL_VALUES);
            assertThat(st.tensors()).hasSize(204);
            assertThat(st.tensors().values().stream().mapToLong(TensorInfo::numElements).sum()).isEqualTo(TOTAL_VALUES);
            assertThat(bundle.entries().keySet()).allMatch(n -> n.startsWith("module/bert/") || n.startsWith("module/cls/"));

            BundleEntry gamma = bundle.entry("module/bert/embeddings/LayerNorm/gamma");
            assertThat(gamma.dtype()).isEqualTo(TfDataType.FLOAT);
            assertThat(gamma.shape()).containsExactly(768);
            assertThat(gamma.offset()).isEqualTo(3072);
            assertThat(gamma.size()).isEqualTo(3072);
            assertThat(gamma.maskedCrc32c()).isEqualTo(0xcee6ca01);
            assertThat(head(st.floats("bert.embeddings.LayerNorm.weight"), 4))
                    .containsExactly(0.9107313f, 0.65412575f, 0.8684388f, 0.84551656f);

            assertThat(bundle.entry("module/bert/embeddings/word_embeddings").offset()).isEqualTo(1585152);
            float[] words = st.floats("bert.embeddings.word_embeddings.weight");
            assertThat(new float[]{words[101 * 768], words[101 * 768 + 1], words[101 * 768 + 2], words[101 * 768 + 3]})
                    .containsExactly(-0.018021882f, -0.002651206f, 0.00061954896f, -0.018424168f);

            // pooler kernel k [in, out] at 709054464: k[0][0], k[0][1], then k[1][0] one row (768 floats) later
            assertThat(bundle.entry("module/bert/pooler/dense/kernel").offset()).isEqualTo(709054464);
            float[] pooler = st.floats("bert.pooler.dense.weight"); // w[o][i] = k[i][o]
            assertThat(pooler[0]).isEqualTo(-0.013611141f);
            assertThat(pooler[1]).isEqualTo(0.012742219f);    // w[0][1] = k[1][0]
            assertThat(pooler[768]).isEqualTo(-0.015856035f); // w[1][0] = k[0][1]

            int compared = 0;
            for (BundleEntry e : bundle.entries().values()) {
                TfToHfNames.Target t = TfToHfNames.map(e.name());
                ByteBuffer tf = bundle.data(e); // throws unless the stored crc32c matches
                TensorInfo info = st.info(t.hfName());
                ByteBuffer hf = st.bytes(info);
                if (!t.transpose()) {
                    assertThat(info.shape()).as(e.name()).containsExactly(e.shape());
                    assertThat(hf.equals(tf)).as(e.name()).isTrue();
                } else {
                    assertThat(info.shape()).as(e.name()).containsExactly(e.shape()[1], e.shape()[0]);
                    assertTransposed(e.name(), tf.asFloatBuffer(), hf.asFloatBuffer(), (int) e.shape()[0],
                            (int) e.shape()[1]);
                }
                compared++;
            }
            assertThat(compared).isEqualTo(204);
        }
    }

    @Test
    void loaderReadsTheConvertedDirectory() throws IOException {
        try (BertWeights w = BertWeights.load(TestWeights.mbertDir())) {
            assertThat(w.config()).isEqualTo(BertConfig.multilingualCased());
            assertThat(w.tensors().keySet())
                    .containsExactlyElementsOf(BertParameters.expectedShapes(w.config()).keySet());
            assertThat(w.get("embeddings.word_embeddings.weight").getFloat(101, 0)).isEqualTo(-0.018021882f);
            assertThat(w.get("pooler.dense.weight").getFloat(1, 0)).isEqualTo(-0.015856035f);
            assertThat(w.get("embeddings.LayerNorm.weight").getFloat(3)).isEqualTo(0.84551656f);
        }
    }

    private static float[] head(float[] a, int n) {
        return Arrays.copyOf(a, n);
    }

    private static void assertTransposed(String name, FloatBuffer k, FloatBuffer w, int in, int out) {
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                if (Float.floatToRawIntBits(k.get(i * out + o)) != Float.floatToRawIntBits(w.get(o * in + i))) {
                    throw new AssertionError(name + ": k[" + i + "][" + o + "] = " + k.get(i * out + o)
                            + " but w[" + o + "][" + i + "] = " + w.get(o * in + i));
                }
            }
        }
    }
}
