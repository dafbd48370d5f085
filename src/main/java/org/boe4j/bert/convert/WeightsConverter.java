package org.boe4j.bert.convert;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.bert.BertConfig;
import org.boe4j.bert.checkpoint.BundleEntry;
import org.boe4j.bert.checkpoint.CheckpointBundle;
import org.boe4j.bert.checkpoint.TfDataType;
import org.boe4j.bert.safetensors.SafetensorsDtype;
import org.boe4j.bert.safetensors.SafetensorsWriter;
import org.boe4j.bert.safetensors.SafetensorsWriter.TensorSpec;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Boe4jHome;
import org.boe4j.io.Checksums;
import org.boe4j.io.Progress;
import org.boe4j.text.TokenizerJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts Google's TF M-BERT checkpoint (from {@link EasyBertArtifact}) into a Hugging Face BERT directory:
 * <pre>
 * model.safetensors  all 204 tensors, HF BertForPreTraining names (bert.*, cls.*), dense weights [out, in]
 * config.json        BertConfig (hidden_act "gelu_new": the TF checkpoint was trained with tanh GELU)
 * vocab.txt          the checkpoint's vocabulary, unchanged
 * tokenizer.json     the HF tokenizers (WordPiece, cased) description of that vocabulary
 * manifest.json      source artifact, format version, size + SHA-256 of every file
 * </pre>
 * Every tensor's CRC-32C is checked while it is copied; tensors are streamed from the memory-mapped data file one
 * at a time, so the heap never holds more than one dense kernel (twice, for the transpose). All output is written
 * into a temporary directory beside the target and renamed into place only when complete; a target whose manifest
 * checks out is left alone unless {@code force} is set, and a non-empty target without a manifest (a directory
 * boe4j did not write) is refused unless {@code force} is set.
 */
public final class WeightsConverter {

    /**
     * Where {@code boe4j weights convert} writes by default, relative to the boe4j home ({@link Boe4jHome}; the
     * working directory unless the launcher or BOE4J_HOME names one).
     */
    public static final Path DEFAULT_TARGET = Boe4jHome.WEIGHTS;
    /** Size of the SavedModel zip inside the artifact jar, for the extraction ETA. */
    static final long INNER_ZIP_BYTES = 718_174_781L;
    private static final Object LOCK = new Object();

    private final BertConfig config;
    private final PrintStream log;

    /** The outcome: where, whether conversion was skipped (target already verified), what, and how long. */
    public record Result(Path dir, boolean skipped, int tensors, long values, double seconds) {
    }

    /** Statistics of one bundle conversion. */
    record Stats(int tensors, long values) {
    }

    /** A converter for M-BERT ({@link BertConfig#multilingualCased()}), logging progress to {@code log}. */
    public WeightsConverter(PrintStream log) {
        this(BertConfig.multilingualCased(), log);
    }

    /** @param config the architecture the checkpoint must match (written to config.json) */
    public WeightsConverter(BertConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /**
     * Converts the artifact into {@code target}, unless {@code target} already holds a conversion that matches
     * its manifest and {@code force} is false.
     *
     * @param jar the artifact jar, or null to take it from the classpath
     */
    public Result convert(Path jar, Path target, boolean force) throws IOException {
        synchronized (LOCK) { // one conversion per JVM: parallel tests share the target directory
            long start = System.nanoTime();
            if (!force && Files.exists(target) && !Files.exists(target.resolve(WeightsManifest.FILE_NAME))
                    && !isEmptyDirectory(target)) {
                throw new IOException(target + " exists but was not written by boe4j (no "
                        + WeightsManifest.FILE_NAME + "); choose another target, or use --force to replace it");
            }
            if (!force && Files.isDirectory(target)) {
                List<String> problems = WeightsManifest.verify(target);
                if (problems.isEmpty()) {
                    log.println("weights: " + target + " is already converted and matches its manifest; skipping"
                            + " (use --force to convert again)");
                    JsonObject m = JsonParser.parseString(
                            Files.readString(target.resolve(WeightsManifest.FILE_NAME))).getAsJsonObject();
                    return new Result(target, true, m.get("tensors").getAsInt(), m.get("values").getAsLong(),
                            (System.nanoTime() - start) / 1e9);
                }
                log.println("weights: " + target + " does not match its manifest (" + problems.get(0)
                        + "); converting again");
            }
            Stats[] stats = new Stats[1];
            AtomicFiles.writeDirectory(target, dir -> {
                Path source = dir.resolve(".source");
                try (Progress p = new Progress("extracting M-BERT", INNER_ZIP_BYTES, "B", log)) {
                    EasyBertArtifact.extract(jar, source, p::update);
                }
                stats[0] = convertBundle(source.resolve("variables.index"), source.resolve("vocab.txt"), dir);
                AtomicFiles.deleteRecursively(source);
                WeightsManifest.write(dir, WeightsManifest.REQUIRED_FILES, sourceDescription(jar),
                        stats[0].tensors(), stats[0].values());
                shareable(dir);
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            log.printf("weights: wrote %s (%d tensors, %,d values, every CRC-32C verified) in %s%n",
                    target, stats[0].tensors(), stats[0].values(), Progress.duration(seconds));
            return new Result(target, false, stats[0].tensors(), stats[0].values(), seconds);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Converts an unpacked bundle + vocabulary into {@code out} (which must exist): every file but the manifest. */
    Stats convertBundle(Path indexFile, Path vocab, Path out) throws IOException {
        checkVocabulary(vocab);
        Stats stats;
        try (CheckpointBundle bundle = CheckpointBundle.open(indexFile)) {
            Map<String, Planned> plan = plan(bundle);
            List<TensorSpec> specs = new ArrayList<>();
            long totalBytes = 0;
            for (Map.Entry<String, Planned> e : plan.entrySet()) {
                specs.add(new TensorSpec(e.getKey(), SafetensorsDtype.F32, e.getValue().hfShape()));
                totalBytes += e.getValue().entry().size();
            }
            long[] done = {0};
            try (Progress p = new Progress("converting to safetensors", totalBytes, "B", log)) {
                SafetensorsWriter.write(out.resolve("model.safetensors"), specs, Map.of("format", "pt",
                        "source", EasyBertArtifact.COORDINATES), (spec, sink) -> {
                    Planned planned = plan.get(spec.name());
                    ByteBuffer data = bundle.data(planned.entry()); // checks the CRC-32C
                    if (planned.transpose()) {
                        sink.writeFloats(transpose(data.asFloatBuffer(), planned.entry().shape()));
                    } else {
                        sink.write(data);
                    }
                    done[0] += planned.entry().size();
                    p.update(done[0], spec.name());
                });
            }
            stats = new Stats(plan.size(), bundle.totalValues());
        }
        Files.copy(vocab, out.resolve("vocab.txt"));
        config.write(out.resolve("config.json"));
        TokenizerJson.write(out.resolve("vocab.txt"), out.resolve("tokenizer.json"));
        return stats;
    }

    /** One TF tensor's destination. */
    private record Planned(BundleEntry entry, boolean transpose, long[] hfShape) {
    }

    /** Maps every tensor of the bundle and checks names and shapes before anything is written. */
    private Map<String, Planned> plan(CheckpointBundle bundle) throws IOException {
        Map<String, long[]> expected = TfToHfNames.expectedShapes(config);
        Map<String, Planned> plan = new LinkedHashMap<>();
        String where = bundle.indexFile().toString();
        for (BundleEntry e : bundle.entries().values()) {
            if (e.dtype() != TfDataType.FLOAT) {
                throw new IOException(where + ": tensor '" + e.name() + "' has dtype "
                        + (e.dtype() == null ? "code " + e.dtypeCode() : e.dtype()) + ", expected FLOAT");
            }
            TfToHfNames.Target t;
            try {
                t = TfToHfNames.map(e.name());
            } catch (IllegalArgumentException ex) {
                throw new IOException(where + ": " + ex.getMessage(), ex);
            }
            long[] shape = e.shape();
            if (t.transpose()) {
                if (shape.length != 2) {
                    throw new IOException(where + ": kernel '" + e.name() + "' has shape " + e.shapeString()
                            + ", expected rank 2");
                }
                shape = new long[]{shape[1], shape[0]};
            }
            long[] want = expected.get(t.hfName());
            if (want == null) {
                throw new IOException(where + ": unknown tensor '" + e.name() + "' (would be '" + t.hfName()
                        + "', which a BERT with " + config.numHiddenLayers() + " layers does not have)");
            }
            if (!Arrays.equals(want, shape)) {
                throw new IOException(where + ": tensor '" + e.name() + "' -> '" + t.hfName() + "' has shape "
                        + Arrays.toString(shape) + ", expected " + Arrays.toString(want));
            }
            if (plan.put(t.hfName(), new Planned(e, t.transpose(), shape)) != null) {
                throw new IOException(where + ": two tensors map to '" + t.hfName() + "'");
            }
        }
        List<String> missing = expected.keySet().stream()
                .filter(n -> n.startsWith("bert.") && !plan.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(where + ": missing " + missing.size() + " tensor(s) of the encoder, e.g. "
                    + missing.subList(0, Math.min(3, missing.size())));
        }
        return plan;
    }

    /** A TF kernel [in, out] as a PyTorch Linear weight [out, in]: w[o][i] = k[i][o]. */
    static float[] transpose(FloatBuffer kernel, long[] shape) {
        int in = (int) shape[0];
        int outDim = (int) shape[1];
        float[] k = new float[in * outDim];
        kernel.duplicate().get(k);
        float[] w = new float[k.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < outDim; o++) {
                w[o * in + i] = k[i * outDim + o];
            }
        }
        return w;
    }

    private void checkVocabulary(Path vocab) throws IOException {
        long lines = 0;
        try (BufferedReader r = Files.newBufferedReader(vocab, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                lines++;
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(vocab.toString(), null, "vocabulary is missing");
        }
        if (lines != config.vocabSize()) {
            throw new IOException(vocab + ": " + lines + " tokens, but vocab_size is " + config.vocabSize());
        }
    }

    /**
     * Temporary files and directories are created private (0600/0700); the converted weights are not secret, so
     * give them the usual 0644/0755 for other users and containers (POSIX file systems only).
     */
    private static void shareable(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    /** Provenance of the converted weights: the artifact and the jar it was read from (with its SHA-1). */
    private static JsonObject sourceDescription(Path jar) throws IOException {
        JsonObject s = new JsonObject();
        s.addProperty("artifact", EasyBertArtifact.COORDINATES);
        s.addProperty("entry", EasyBertArtifact.MODEL_ENTRY);
        Path jarFile = jar != null ? jar : classpathJar();
        if (jarFile != null) {
            s.addProperty("jar", jarFile.getFileName().toString());
            s.addProperty("jar_sha1", Checksums.digest(jarFile, "SHA-1"));
        }
        s.addProperty("checkpoint", "TF checkpoint bundle variables/variables.{index,data-00000-of-00001}");
        return s;
    }

    /** The jar holding the artifact on the classpath, or null if it is not a plain jar file. */
    private static Path classpathJar() {
        URL url = EasyBertArtifact.class.getClassLoader().getResource(EasyBertArtifact.MODEL_ENTRY);
        if (url == null || !url.getProtocol().equals("jar")) {
            return null;
        }
        String spec = url.getPath(); // file:/path/to.jar!/entry
        int bang = spec.indexOf("!/");
        try {
            return bang < 0 ? null : Path.of(new URL(spec.substring(0, bang)).toURI());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
