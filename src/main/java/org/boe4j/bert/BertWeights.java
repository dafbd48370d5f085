package org.boe4j.bert;

import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.bert.safetensors.TensorInfo;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.io.Checksums;
import org.boe4j.io.ExpectedSha256;
import org.boe4j.io.FileManifest;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weights of a BERT encoder, loaded from any Hugging Face BERT directory ({@code config.json} +
 * {@code model.safetensors}), keyed by the names of {@link BertParameters#expectedShapes} (HF {@code BertModel}
 * names, dense weights [out, in]).
 *
 * <p>Loading is strict, as nanoGPT's {@code from_pretrained} is: every expected tensor must be present exactly once
 * with the expected shape and a floating dtype (F32, or F16/BF16 widened to F32); any other tensor is an error.
 * Tolerated: the {@code bert.} prefix of {@code BertForPreTraining}/task checkpoints, the legacy LayerNorm names
 * {@code gamma}/{@code beta} of older HF uploads, the pre-training heads {@code cls.*} (ignored) and the
 * {@code embeddings.position_ids} buffer some older checkpoints carry (ignored).
 *
 * @param tensors float32 arrays in {@link BertParameters#expectedShapes} order (off-heap; {@link #close} frees them)
 */
public record BertWeights(BertConfig config, Map<String, INDArray> tensors) implements AutoCloseable {

    public static final String CONFIG = "config.json";
    public static final String MODEL = "model.safetensors";

    /** Loads {@code dir}, checked against its manifest.json when it has one (see {@link #load(Path, List)}). */
    public static BertWeights load(Path dir) throws IOException {
        return load(dir, List.of());
    }

    /**
     * Loads {@code dir}. The safetensors file is read once, front to back, and hashed (SHA-256) as it is read; the
     * hash must match the directory's {@code manifest.json} (written by {@code boe4j weights convert}), when it has
     * one, and every one of {@code alsoExpected} (e.g. what a trained model's card recorded). The manifest's small
     * files (config, tokenizer, vocabulary) are checked first, and the size of model.safetensors, so a truncated
     * file fails before any read. A directory without a manifest (any Hugging Face directory) and no expectation is
     * loaded without a checksum: there is nothing to compare it with.
     *
     * @throws IOException naming the file, what it should have been and what to do, when a check fails
     */
    public static BertWeights load(Path dir, List<ExpectedSha256> alsoExpected) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "weights directory is missing (convert the M-BERT"
                    + " weights with `boe4j weights convert`, or give a Hugging Face BERT directory)");
        }
        FileManifest manifest = ConvertedFiles.read(dir);
        if (manifest != null) {
            manifest.verify(Set.of(MODEL), false); // model.safetensors: its size here, its SHA-256 as it is read
        }
        BertConfig config = BertConfig.read(dir.resolve(CONFIG));
        Path model = dir.resolve(MODEL);
        if (!Files.isRegularFile(model)) {
            String hint = Files.exists(dir.resolve("pytorch_model.bin"))
                    ? " (found pytorch_model.bin: only safetensors is supported; convert it with HF's"
                    + " `save_pretrained(..., safe_serialization=True)`)"
                    : Files.exists(dir.resolve("model.safetensors.index.json"))
                    ? " (sharded checkpoints are not supported)" : "";
            throw new NoSuchFileException(model.toString(), null, "model.safetensors is missing" + hint);
        }
        FileManifest.Entry promised = manifest == null ? null : manifest.files().get(MODEL);
        if (promised != null && !verifyOnLoad()) {
            promised = null; // opted out: sizes were checked, the checksum is not
        }
        boolean hash = promised != null || !alsoExpected.isEmpty();
        Map<String, long[]> expected = BertParameters.expectedShapes(config);
        Map<String, INDArray> loaded;
        try (SafetensorsFile file = SafetensorsFile.open(model)) {
            Map<String, TensorInfo> byName = new LinkedHashMap<>();
            for (TensorInfo t : file.tensors().values()) {
                if (isIgnored(t.name())) {
                    continue;
                }
                String name = modelName(t.name());
                if (!expected.containsKey(name)) {
                    throw new IOException(model + ": unexpected tensor '" + t.name() + "' (not a parameter of a"
                            + " BertModel with " + config.numHiddenLayers() + " layers)");
                }
                TensorInfo previous = byName.put(name, t);
                if (previous != null) {
                    throw new IOException(model + ": tensors '" + previous.name() + "' and '" + t.name()
                            + "' are both " + name);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String name : expected.keySet()) {
                if (!byName.containsKey(name)) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new IOException(model + ": missing " + missing.size() + " tensor(s): "
                        + (missing.size() <= 5 ? missing : missing.subList(0, 5) + " ..."));
            }
            Map<String, TensorInfo> selected = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                TensorInfo t = byName.get(e.getKey());
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new IOException(model + ": tensor '" + t.name() + "' has shape " + t.shapeString()
                            + ", expected " + Arrays.toString(e.getValue()));
                }
                selected.put(e.getKey(), t);
            }
            MessageDigest digest = hash ? Checksums.newSha256() : null;
            loaded = TensorStore.read(file, selected, digest);
            if (hash) {
                String actual = Checksums.hex(digest);
                try {
                    if (promised != null && !actual.equals(promised.sha256())) {
                        throw manifest.mismatch(model, actual, promised.sha256());
                    }
                    for (ExpectedSha256 x : alsoExpected) {
                        x.check(model, actual);
                    }
                } catch (IOException ex) {
                    loaded.values().forEach(INDArray::close);
                    throw ex;
                }
            }
        }
        return new BertWeights(config, Collections.unmodifiableMap(loaded));
    }

    /**
     * Whether model.safetensors is hashed against manifest.json on load: yes unless the system property
     * {@value #VERIFY_PROPERTY} or the environment variable {@value #VERIFY_ENV} is {@code 0}, {@code false} or
     * {@code off}: hashing the 714 MB file costs a few seconds per load (docs/benchmarks.md); checksums recorded by a
     * trained model's card are checked regardless.
     */
    static boolean verifyOnLoad() {
        String v = System.getProperty(VERIFY_PROPERTY, System.getenv(VERIFY_ENV));
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off"));
    }

    public static final String VERIFY_PROPERTY = "boe4j.verifyWeights";
    public static final String VERIFY_ENV = "BOE4J_VERIFY_WEIGHTS";

    /** The BertModel name of a checkpoint tensor: without {@code bert.}, LayerNorm gamma/beta as weight/bias. */
    static String modelName(String fileName) {
        String n = fileName.startsWith("bert.") ? fileName.substring("bert.".length()) : fileName;
        if (n.endsWith(".LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith(".LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        return n;
    }

    /** Pre-training heads and a non-parameter buffer, which an encoder does not use. */
    static boolean isIgnored(String fileName) {
        return fileName.startsWith("cls.") || modelName(fileName).equals("embeddings.position_ids");
    }

    public INDArray get(String name) {
        INDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return a;
    }

    /** Frees the off-heap memory of every array. */
    @Override
    public void close() {
        tensors.values().forEach(INDArray::close);
    }
}
