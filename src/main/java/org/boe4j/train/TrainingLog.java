package org.boe4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import org.boe4j.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's record as JSON lines ({@code train.jsonl}), one object per line with a {@code type}:
 * <ul>
 *   <li>{@code step}: step, epoch, loss (mean over the step's micro-batches), lr, gradNorm (before clipping),
 *       clipScale, examples, examplesPerSecond, time;</li>
 *   <li>{@code eval}: step, epoch, metric, best (true if a new best), details;</li>
 *   <li>{@code epoch}: epoch, step, meanLoss, seconds;</li>
 *   <li>{@code checkpoint}, {@code resume}, {@code stop}, {@code error}: what happened, at which step.</li>
 * </ul>
 * Each line is flushed when written, so a killed run loses at most the line being written. On resume, lines
 * after the checkpoint's step are dropped (and a torn last line), because the resumed run writes them again:
 * the log of a resumed run is the log of the uninterrupted run plus {@code resume} lines.
 */
public final class TrainingLog implements Closeable {

    public static final String FILE_NAME = "train.jsonl";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private final Path file;
    private final BufferedWriter out;

    private TrainingLog(Path file, boolean append) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = append
                ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** A new, empty log (an existing file is replaced). */
    public static TrainingLog create(Path file) throws IOException {
        return new TrainingLog(file, false);
    }

    /** Keeps the records up to and including {@code step} (rewritten atomically), then appends. */
    public static TrainingLog resume(Path file, long step) throws IOException {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                JsonObject o;
                try {
                    o = JsonParser.parseString(line).getAsJsonObject();
                } catch (JsonSyntaxException | IllegalStateException e) {
                    if (i == lines.size() - 1) {
                        break; // torn last line of a killed run
                    }
                    throw new IOException(file + ":" + (i + 1) + ": not a JSON object: " + e.getMessage(), e);
                }
                JsonElement s = o.get("step");
                if (s == null || s.getAsLong() <= step) {
                    kept.add(line);
                }
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return new TrainingLog(file, true);
    }

    public Path file() {
        return file;
    }

    public void step(long step, int epoch, double loss, double lr, double gradNorm, double clipScale, int examples,
                     double examplesPerSecond) {
        JsonObject o = header("step", step);
        o.addProperty("epoch", epoch);
        o.addProperty("loss", loss);
        o.addProperty("lr", lr);
        o.addProperty("gradNorm", gradNorm);
        o.addProperty("clipScale", clipScale);
        o.addProperty("examples", examples);
        o.addProperty("examplesPerSecond", examplesPerSecond);
        write(o);
    }

    public void evaluation(long step, int epoch, Evaluation e, boolean best) {
        JsonObject o = header("eval", step);
        o.addProperty("epoch", epoch);
        o.addProperty("metric", e.metric());
        o.addProperty("best", best);
        o.add("details", GSON.toJsonTree(e.details()));
        write(o);
    }

    public void epoch(int epoch, long step, double meanLoss, double seconds) {
        JsonObject o = header("epoch", step);
        o.addProperty("epoch", epoch);
        o.addProperty("meanLoss", meanLoss);
        o.addProperty("seconds", seconds);
        write(o);
    }

    /** Any other event: checkpoint, resume, stop, error. */
    public void event(String type, long step, Map<String, ?> fields) {
        JsonObject o = header(type, step);
        fields.forEach((k, v) -> o.add(k, GSON.toJsonTree(v)));
        write(o);
    }

    /** All records of a log file. */
    public static List<JsonObject> read(Path file) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return out;
    }

    private static JsonObject header(String type, long step) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("step", step);
        o.addProperty("time", Instant.now().toString());
        return o;
    }

    private void write(JsonObject o) {
        try {
            out.write(GSON.toJson(o));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
