package org.boe4j.eval;

import org.boe4j.io.Progress;
import org.boe4j.model.ModelVariant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The remaining duration of a frozen-encoder experiment's head trainings, from the runs this invocation timed.
 *
 * <p>Why measured runs and not a rate: an entity variant's step costs several times the baseline's and grows with the
 * bag's size (MultiCoNER II at batch 256: boe 2.2 steps/s at 16 entities per document, 1.2 at 64; a baseline run
 * ~1.5 min against ~7 min for boe at 16), and early stopping decides the step count, so no examples-per-second
 * constant holds across data sets. Each run left is charged its variant's mean measured duration; a variant not
 * measured yet is charged the slowest measured mean, and the message says which variants that applies to.
 */
final class HeadRunsEstimate {

    private final Map<ModelVariant, List<Double>> seconds = new EnumMap<>(ModelVariant.class);

    /** A run that trained from its first step to its end in this invocation (resumed runs are not recorded). */
    void record(ModelVariant variant, double runSeconds) {
        seconds.computeIfAbsent(variant, v -> new ArrayList<>()).add(runSeconds);
    }

    /** Mean measured duration of {@code variant}'s runs, or NaN if none was measured. */
    double meanSeconds(ModelVariant variant) {
        List<Double> s = seconds.get(variant);
        return s == null ? Double.NaN : s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Seconds for the runs {@code left}, by the rule of the class comment (NaN if nothing was measured). */
    double remainingSeconds(List<ModelVariant> left) {
        double slowest = seconds.keySet().stream().mapToDouble(this::meanSeconds).max().orElse(Double.NaN);
        double total = 0;
        for (ModelVariant v : left) {
            double mean = meanSeconds(v);
            total += Double.isNaN(mean) ? slowest : mean;
        }
        return total;
    }

    /** One line for the progress output after a timed run, e.g. "boe run took 6m40s; 5 runs left, about 31m10s". */
    String describe(ModelVariant finished, double runSeconds, List<ModelVariant> left) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s run took %s", finished.cliName(),
                Progress.duration(runSeconds)));
        if (left.isEmpty()) {
            return line.append("; no run left").toString();
        }
        line.append(String.format(Locale.ROOT, "; %d run%s left, about %s", left.size(), left.size() == 1 ? "" : "s",
                Progress.duration(remainingSeconds(left))));
        List<String> unmeasured = left.stream().filter(v -> !seconds.containsKey(v)).distinct()
                .map(ModelVariant::cliName).toList();
        if (!unmeasured.isEmpty()) {
            line.append(" (").append(String.join(", ", unmeasured))
                    .append(" not measured yet: charged as the slowest variant measured)");
        }
        return line.toString();
    }
}
