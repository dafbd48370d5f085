package org.boe4j.bert.convert;

import com.google.gson.JsonObject;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertParameters;
import org.boe4j.bert.BertWeights;
import org.boe4j.bert.HiddenAct;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.bert.safetensors.SafetensorsWriter;
import org.boe4j.bert.safetensors.TensorInfo;
import org.boe4j.io.Checksums;
import org.boe4j.io.ExpectedSha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every load of converted weights is checked against manifest.json, by hashing the bytes as they are read (issue 16,
 * defect 4). The fault of the issue: a flipped high byte in {@code layer.1.attention.output.LayerNorm.weight[0]}
 * (the issue flipped layer 4 of M-BERT; this tiny BERT has 2 layers), which was loaded silently before.
 */
class WeightsVerifiedOnLoadTest {

    static final BertConfig TINY = BertConfig.tiny(20, HiddenAct.GELU_ERF);
    static final String LAYER_NORM = "encoder.layer.1.attention.output.LayerNorm.weight";

    @TempDir
    Path dir;

    Path model;

    /** A converted-looking directory: config.json, model.safetensors (value k/1000 at flat index k), manifest.json. */
    @BeforeEach
    void convertedDirectory() throws IOException {
        TINY.write(dir.resolve(BertWeights.CONFIG));
        List<SafetensorsWriter.TensorSpec> specs = new ArrayList<>();
        BertParameters.expectedShapes(TINY).forEach((n, shape) -> specs.add(
                new SafetensorsWriter.TensorSpec("bert." + n, org.boe4j.bert.safetensors.SafetensorsDtype.F32, shape)));
        // a pre-training head the loader skips: its bytes are hashed all the same
        specs.add(new SafetensorsWriter.TensorSpec("cls.predictions.bias", org.boe4j.bert.safetensors.SafetensorsDtype.F32,
                new long[]{TINY.vocabSize()}));
        model = dir.resolve(BertWeights.MODEL);
        SafetensorsWriter.write(model, specs, Map.of("format", "pt"), (t, sink) -> {
            float[] v = new float[(int) (t.byteLength() / 4)];
            for (int i = 0; i < v.length; i++) {
                v[i] = i / 1000f;
            }
            sink.writeFloats(v);
        });
        WeightsManifest.write(dir, List.of(BertWeights.CONFIG, BertWeights.MODEL), new JsonObject(), specs.size(), 0);
    }

    private long offsetOf(String name) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(model)) {
            TensorInfo t = f.info(name);
            long headerLength;
            try (FileChannel c = FileChannel.open(model)) {
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                c.read(b, 0);
                headerLength = b.getLong(0);
            }
            return 8 + headerLength + t.begin();
        }
    }

    private void flipHighByte(long floatOffset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
            f.seek(floatOffset + 3); // little-endian: byte 3 holds the sign and the high exponent bits
            int b = f.read();
            f.seek(floatOffset + 3);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void anIntactDirectoryLoadsWithItsValues() throws IOException {
        try (BertWeights w = BertWeights.load(dir)) {
            assertThat(w.get(LAYER_NORM).getFloat(5)).isEqualTo(5 / 1000f);
        }
    }

    @Test
    void aFlippedByteInALayerNormWeightFailsNamingTheFileAndTheRemedy() throws IOException {
        String good = Checksums.sha256(model);
        flipHighByte(offsetOf("bert." + LAYER_NORM));
        String bad = Checksums.sha256(model);
        assertThatThrownBy(() -> BertWeights.load(dir)).isInstanceOf(IOException.class)
                .hasMessage(model + ": SHA-256 " + bad + ", but " + dir.resolve("manifest.json") + " says " + good
                        + " (damaged or modified since conversion); convert again with"
                        + " `boe4j weights convert --force --out " + dir + "`");
    }

    @Test
    void aFlippedByteInASkippedTensorIsCaughtToo() throws IOException {
        flipHighByte(offsetOf("cls.predictions.bias"));
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessageStartingWith(model + ": SHA-256 ");
    }

    @Test
    void aTruncatedFileFailsBeforeAnyRead() throws IOException {
        long size = Files.size(model);
        try (FileChannel c = FileChannel.open(model, StandardOpenOption.WRITE)) {
            c.truncate(size - 4);
        }
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessage(model + ": " + (size - 4) + " bytes, but "
                + dir.resolve("manifest.json") + " says " + size + " (truncated or replaced); convert again with"
                + " `boe4j weights convert --force --out " + dir + "`");
    }

    @Test
    void anEditedConfigIsCaught() throws IOException {
        Path config = dir.resolve(BertWeights.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"layer_norm_eps\": 1.0E-12",
                "\"layer_norm_eps\": 1.0E-11"));
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessageStartingWith(config + ": ")
                .hasMessageContaining("weights convert --force");
    }

    @Test
    void whatACallerRecordedIsCheckedInTheSamePass() throws IOException {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> BertWeights.load(dir, List.of(new ExpectedSha256(wrong,
                "the model m was trained with a file of SHA-256", "point --encoder elsewhere"))))
                .hasMessage(model + ": SHA-256 " + Checksums.sha256(model) + ", but the model m was trained with a"
                        + " file of SHA-256 " + wrong + "; point --encoder elsewhere");
    }

    @Test
    void theOptOutSkipsTheChecksumButNotTheSize() throws IOException {
        flipHighByte(offsetOf("bert." + LAYER_NORM));
        System.setProperty(BertWeights.VERIFY_PROPERTY, "off");
        try (BertWeights w = BertWeights.load(dir)) {
            assertThat(w.get(LAYER_NORM).getFloat(1)).isEqualTo(1 / 1000f);
        } finally {
            System.clearProperty(BertWeights.VERIFY_PROPERTY);
        }
        assertThatThrownBy(() -> BertWeights.load(dir)).hasMessageContaining("SHA-256");
    }

    @Test
    void aHuggingFaceDirectoryWithoutManifestLoadsUnchecked() throws IOException {
        Files.delete(dir.resolve("manifest.json"));
        flipHighByte(offsetOf("bert." + LAYER_NORM)); // nothing to compare with
        try (BertWeights w = BertWeights.load(dir)) {
            assertThat(w.get(LAYER_NORM).getFloat(1)).isEqualTo(1 / 1000f);
        }
    }
}
