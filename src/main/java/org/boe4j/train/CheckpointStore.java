package org.boe4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.boe4j.bert.safetensors.TensorStore;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.FileManifest;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints of one run, under {@code <runDir>/checkpoints/step-<9 digits>/}, and the best model so far under
 * {@code <runDir>/best/}. Each directory is written complete into a hidden temporary sibling and renamed into
 * place ({@link AtomicFiles#writeDirectory}), so a kill leaves either the old state or the new one. Only the last
 * {@code keep} checkpoints are kept.
 *
 * <p>Layout of a checkpoint (format "boe4j-checkpoint", version {@value #FORMAT_VERSION}):
 * <pre>
 *   state.json              format, formatVersion, progress, provenance, weightsSha256, files{path: bytes, sha256}
 *   model.safetensors       float32 parameters by Hugging Face name
 *   optimizer.safetensors   AdamW moments as "exp_avg.&lt;name&gt;" (m) and "exp_avg_sq.&lt;name&gt;" (v), PyTorch's names
 * </pre>
 * {@code weightsSha256} is the SHA-256 of {@code model.safetensors}; the writer lays files out deterministically, so
 * equal weights give equal checksums.
 * {@code state.json} is the last file written inside the temporary directory and lists every other file with
 * its size and SHA-256; {@link #load} rejects a directory without it, with a file missing, truncated, altered or
 * unlisted, or of another format version.
 */
public final class CheckpointStore {

    public static final String FORMAT = "boe4j-checkpoint";
    public static final String BEST_FORMAT = "boe4j-best-model";
    public static final int FORMAT_VERSION = 1;
    static final String STATE_FILE = "state.json";
    static final String BEST_FILE = "best.json";
    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String M_PREFIX = "exp_avg.";
    static final String V_PREFIX = "exp_avg_sq.";
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{9,})");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path runDir;
    private final int keep;

    /** The JSON index of a checkpoint directory. */
    record StateFile(String format, int formatVersion, TrainingProgress progress, TrainingProvenance provenance,
                     String weightsSha256, TreeMap<String, FileManifest.Entry> files) {
    }

    /** The JSON index of the best-model directory. */
    record BestFile(String format, int formatVersion, long step, double metric, String weightsSha256,
                    TreeMap<String, FileManifest.Entry> files) {
    }

    /** The best model so far: the step it was evaluated at, its dev metric and its weights. */
    public record BestModel(long step, double metric, String weightsSha256, Map<String, INDArray> weights) {
    }

    public CheckpointStore(Path runDir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, found " + keep);
        }
        this.runDir = runDir;
        this.keep = keep;
    }

    public Path runDir() {
        return runDir;
    }

    public Path checkpointsDir() {
        return runDir.resolve("checkpoints");
    }

    public Path bestDir() {
        return runDir.resolve("best");
    }

    /** Writes a checkpoint atomically, then deletes all but the newest {@code keep}. Returns its directory. */
    public Path save(Checkpoint c) throws IOException {
        Path target = checkpointsDir().resolve(String.format("step-%09d", c.progress().step()));
        AtomicFiles.writeDirectory(target, dir -> {
            TreeMap<String, FileManifest.Entry> files = new TreeMap<>();
            files.put(MODEL_FILE, write(dir, MODEL_FILE, c.weights()));
            Map<String, INDArray> moments = new LinkedHashMap<>(TensorStore.prefixed(M_PREFIX, c.firstMoments()));
            moments.putAll(TensorStore.prefixed(V_PREFIX, c.secondMoments()));
            files.put(OPTIMIZER_FILE, write(dir, OPTIMIZER_FILE, moments));
            StateFile state = new StateFile(FORMAT, FORMAT_VERSION, c.progress(), c.provenance(),
                    files.get(MODEL_FILE).sha256(), files);
            Files.writeString(dir.resolve(STATE_FILE), GSON.toJson(state), StandardCharsets.UTF_8);
        });
        prune();
        return target;
    }

    /** Complete checkpoints (those with a state.json), oldest first. */
    public List<Path> list() throws IOException {
        Path dir = checkpointsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(STATE_FILE)))
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf)).toList();
        }
    }

    /** The newest complete checkpoint directory, if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Where a checkpoint stands and which run wrote it, read from its state.json alone (no tensors). */
    public record Summary(TrainingProgress progress, TrainingProvenance provenance) {
    }

    /** The summary of a checkpoint directory, without reading or verifying its tensors. */
    public static Summary summary(Path dir) throws IOException {
        StateFile state = readIndex(dir, STATE_FILE, StateFile.class);
        return new Summary(state.progress(), state.provenance());
    }

    /** Reads and verifies a checkpoint directory. */
    public static Checkpoint load(Path dir) throws IOException {
        StateFile state = readIndex(dir, STATE_FILE, StateFile.class);
        if (!FORMAT.equals(state.format()) || state.formatVersion() != FORMAT_VERSION) {
            throw new CorruptCheckpointException(dir.resolve(STATE_FILE) + ": expected format " + FORMAT
                    + " version " + FORMAT_VERSION + ", found " + state.format() + " version " + state.formatVersion());
        }
        if (state.progress() == null || state.files() == null || state.weightsSha256() == null) {
            throw new CorruptCheckpointException(dir.resolve(STATE_FILE) + ": missing field progress, files or weightsSha256");
        }
        verify(dir, state.files(), STATE_FILE);
        checkWeightsChecksum(dir.resolve(STATE_FILE), state.weightsSha256(), state.files());
        Map<String, INDArray> weights = read(dir.resolve(MODEL_FILE), "");
        Map<String, INDArray> m = read(dir.resolve(OPTIMIZER_FILE), M_PREFIX);
        Map<String, INDArray> v = read(dir.resolve(OPTIMIZER_FILE), V_PREFIX);
        if (!weights.keySet().equals(m.keySet()) || !weights.keySet().equals(v.keySet())) {
            throw new CorruptCheckpointException(dir + ": optimizer moments do not cover exactly the weights");
        }
        return new Checkpoint(state.progress(), state.provenance(), weights, m, v);
    }

    /** Replaces the best model atomically. */
    public void saveBest(Map<String, INDArray> weights, long step, double metric) throws IOException {
        AtomicFiles.writeDirectory(bestDir(), dir -> {
            TreeMap<String, FileManifest.Entry> files = new TreeMap<>();
            files.put(MODEL_FILE, write(dir, MODEL_FILE, weights));
            BestFile index = new BestFile(BEST_FORMAT, FORMAT_VERSION, step, metric, files.get(MODEL_FILE).sha256(),
                    files);
            Files.writeString(dir.resolve(BEST_FILE), GSON.toJson(index), StandardCharsets.UTF_8);
        });
        deleteHidden(runDir, ".best.");
    }

    /** The best model, verified, or empty if none was saved yet. */
    public Optional<BestModel> loadBest() throws IOException {
        Path dir = bestDir();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        BestFile index = readIndex(dir, BEST_FILE, BestFile.class);
        if (!BEST_FORMAT.equals(index.format()) || index.formatVersion() != FORMAT_VERSION) {
            throw new CorruptCheckpointException(dir.resolve(BEST_FILE) + ": expected format " + BEST_FORMAT
                    + " version " + FORMAT_VERSION + ", found " + index.format() + " version " + index.formatVersion());
        }
        verify(dir, index.files(), BEST_FILE);
        checkWeightsChecksum(dir.resolve(BEST_FILE), index.weightsSha256(), index.files());
        return Optional.of(new BestModel(index.step(), index.metric(), index.weightsSha256(),
                read(dir.resolve(MODEL_FILE), "")));
    }

    /** Writes the tensors (float32, C order) to {@code dir/relative}; returns the file's entry. */
    private static FileManifest.Entry write(Path dir, String relative, Map<String, INDArray> tensors)
            throws IOException {
        TensorStore.write(dir.resolve(relative), tensors);
        return FileManifest.Entry.of(dir.resolve(relative));
    }

    /** Every listed file present with its size and checksum, and no unlisted file besides {@code indexFile}. */
    private static void verify(Path dir, Map<String, FileManifest.Entry> files, String indexFile)
            throws IOException {
        List<String> problems = new FileManifest(dir.resolve(indexFile), files, "the checkpoint was written", null)
                .problems(Set.of(), true);
        if (!problems.isEmpty()) {
            throw new CorruptCheckpointException(problems.get(0));
        }
    }

    /** The F32 tensors of a verified file whose names start with {@code prefix}, by name without it. */
    private static Map<String, INDArray> read(Path file, String prefix) throws IOException {
        try {
            return TensorStore.read(file, prefix);
        } catch (IOException e) {
            throw new CorruptCheckpointException(e.getMessage(), e);
        }
    }

    private static <T> T readIndex(Path dir, String name, Class<T> type) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "checkpoint directory does not exist");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new CorruptCheckpointException(dir + ": no " + name + "; not a complete checkpoint"
                    + " (an interrupted write, or not a boe4j checkpoint directory)");
        }
        try {
            T value = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (value == null) {
                throw new CorruptCheckpointException(file + ": empty");
            }
            return value;
        } catch (JsonParseException | IllegalStateException e) {
            throw new CorruptCheckpointException(file + ": not valid checkpoint JSON: " + e.getMessage(), e);
        }
    }

    private static void checkWeightsChecksum(Path index, String expected,
                                             Map<String, FileManifest.Entry> files) throws IOException {
        FileManifest.Entry model = files.get(MODEL_FILE);
        String actual = model == null ? "no " + MODEL_FILE + " listed" : model.sha256();
        if (!actual.equals(expected)) {
            throw new CorruptCheckpointException(index + ": weightsSha256 " + expected
                    + " does not match " + MODEL_FILE + " (" + actual + ")");
        }
    }

    /** Keeps the newest {@code keep} checkpoints and removes hidden leftovers of interrupted writes. */
    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(list());
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicFiles.deleteRecursively(all.get(i));
        }
        deleteHidden(checkpointsDir(), ".step-");
    }

    /**
     * Removes what a kill inside {@link AtomicFiles#writeDirectory} can leave: hidden temporary directories
     * (".step-...", ".best...."), and the hidden old copy if the kill fell between its two renames. The best
     * model lost that way is re-saved by the resumed run, which repeats the evaluation deterministically.
     */
    private static void deleteHidden(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                AtomicFiles.deleteRecursively(p);
            }
        }
    }

    private static long stepOf(Path dir) {
        Matcher m = STEP_DIR.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint directory name: " + dir);
        }
        return Long.parseLong(m.group(1));
    }
}
