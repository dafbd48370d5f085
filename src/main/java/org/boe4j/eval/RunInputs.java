package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that decides the numbers of one (variant, seed) run of an experiment, as "name" -> value: checksums of
 * the weights, the KB and every data file (train, dev and test), of each split's texts and labels as read, and every
 * setting (hyper-parameters, variant, encoder mode, max length, threshold; for entity variants also the KB, the
 * entities per document and the entity vectors, which no baseline number depends on).
 * Written as {@code runs/<variant>/seed-<s>/inputs.json} when the run starts; a later invocation reuses the run
 * (finished, or resumed from its checkpoint) only when its inputs are equal, so that results.json never lists
 * checksums or settings beside numbers computed from others.
 */
record RunInputs(TreeMap<String, String> values) {

    static final String FILE_NAME = "inputs.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    RunInputs {
        values = new TreeMap<>(values);
    }

    static RunInputs read(Path file) throws IOException {
        try {
            Map<String, String> m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<TreeMap<String, String>>() { }.getType());
            if (m == null) {
                throw new JsonParseException("empty");
            }
            return new RunInputs(new TreeMap<>(m));
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a JSON object of strings (" + e.getMessage() + "); delete the run"
                    + " directory " + file.getParent() + " or use --restart", e);
        }
    }

    void write(Path file) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(values) + "\n");
    }

    /** These inputs without the named ones. */
    RunInputs without(Set<String> names) {
        TreeMap<String, String> kept = new TreeMap<>(values);
        kept.keySet().removeAll(names);
        return new RunInputs(kept);
    }

    /** "name: earlier -> now" for every input that differs (checksums shortened to 12 digits), in name order. */
    Map<String, String> differences(RunInputs earlier) {
        TreeSet<String> names = new TreeSet<>(values.keySet());
        names.addAll(earlier.values.keySet());
        Map<String, String> diffs = new TreeMap<>();
        for (String n : names) {
            String was = earlier.values.get(n);
            String is = values.get(n);
            if (!Objects.equals(was, is)) {
                diffs.put(n, shorten(was) + " -> " + shorten(is));
            }
        }
        return diffs;
    }

    private static String shorten(String v) {
        return v == null ? "(none)" : v.matches("[0-9a-f]{64}") ? v.substring(0, 12) + "…" : v;
    }

    /**
     * The refusal: which run, what changed, and the two ways on.
     *
     * @param state "finished" or "unfinished, checkpoint at step N"
     */
    static String refusal(Path runDir, String state, Map<String, String> diffs) {
        StringBuilder sb = new StringBuilder(runDir + " (" + state + ") was computed from other inputs than this"
                + " invocation's: ");
        String sep = "";
        for (Map.Entry<String, String> e : diffs.entrySet()) {
            sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
            sep = "; ";
        }
        return sb.append(". Its numbers would not match the data and settings now given, so they are not reused. To"
                + " proceed: give this experiment another --name (the earlier one stays as it is), or add --restart to"
                + " discard the runs whose inputs changed and compute them again.").toString();
    }
}
