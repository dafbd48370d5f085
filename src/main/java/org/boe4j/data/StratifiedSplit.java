package org.boe4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic, seeded stratified split of single- or multi-label data by <em>iterative stratification</em>
 * (Sechidis, Tsoumakas and Vlahavas, "On the Stratification of Multi-Label Data", ECML PKDD 2011, Algorithm 1).
 *
 * <p>Why this algorithm: stratifying multi-label data by whole label sets fails (most sets are unique), and
 * stratifying by one label ignores the others. Iterative stratification deals out examples label by label,
 * rarest label first (rare labels are the ones a careless split loses entirely), sending each example to the
 * subset that still "wants" the most examples of that label: with desired counts {@code c[j][l] = r_j * |D_l|}
 * (Eq. in Alg. 1, line 3) the chosen subset is {@code argmax_j c[j][l]}, ties broken by the larger remaining
 * total {@code c[j] = r_j * n}, then at random. Every assignment decrements the wanted counts of all labels of
 * the example. Examples without labels go to the subset with the largest remaining total.
 *
 * <p>Determinism: the examples are shuffled once with {@code new Random(seed)} (its sequence is fixed by the Java
 * specification), ties between labels of equal rarity go to the label that sorts first, and the remaining random
 * tie-breaks draw from the same generator. The same data and seed always give the same split.
 */
public final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /** A train/held-out pair made from one dataset. */
    public record TrainDev(Dataset train, Dataset dev) {
    }

    /**
     * Splits a dataset into train and dev, {@code devFraction} of the examples going to dev, stratified over all
     * labels. The derivation (algorithm, fraction, seed) is recorded in both datasets' provenance.
     */
    public static TrainDev trainDev(Dataset data, double devFraction, long seed) {
        if (!(devFraction > 0 && devFraction < 1)) {
            throw new IllegalArgumentException("dev fraction must be in (0, 1), got " + devFraction);
        }
        List<List<String>> labelSets = new ArrayList<>(data.size());
        for (Example e : data.examples()) {
            labelSets.add(e.labels());
        }
        List<List<Integer>> parts = split(labelSets, new double[] {1 - devFraction, devFraction}, seed);
        String how = String.format(Locale.ROOT,
                "iterative stratification (Sechidis et al. 2011) of split '%s', dev fraction %s, seed %d",
                data.split(), devFraction, seed);
        return new TrainDev(data.subset("train", parts.get(0), how), data.subset("dev", parts.get(1), how));
    }

    /**
     * Assigns every example to one of {@code fractions.length} subsets. Returns, per subset, the indices of its
     * examples in increasing order.
     */
    public static List<List<Integer>> split(List<List<String>> labelSets, double[] fractions, long seed) {
        int k = fractions.length;
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0)) {
                throw new IllegalArgumentException("fractions must be >= 0");
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("fractions must sum to 1, got " + sum);
        }
        int n = labelSets.size();
        Random rng = new Random(seed);
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);

        // label ids in sorted order, so that ties between equally rare labels do not depend on input order
        List<String> labelNames = new ArrayList<>();
        labelSets.forEach(s -> s.forEach(l -> {
            if (!labelNames.contains(l)) {
                labelNames.add(l);
            }
        }));
        Collections.sort(labelNames);
        Map<String, Integer> labelId = new HashMap<>();
        for (int i = 0; i < labelNames.size(); i++) {
            labelId.put(labelNames.get(i), i);
        }
        int numLabels = labelNames.size();
        int[][] labelsOf = new int[n][];
        List<List<Integer>> examplesOf = new ArrayList<>();
        for (int l = 0; l < numLabels; l++) {
            examplesOf.add(new ArrayList<>());
        }
        for (int i : order) { // per-label lists in shuffled order
            labelsOf[i] = labelSets.get(i).stream().distinct().mapToInt(labelId::get).toArray();
            for (int l : labelsOf[i]) {
                examplesOf.get(l).add(i);
            }
        }
        int[] remaining = new int[numLabels];
        double[][] wantLabel = new double[k][numLabels];
        double[] want = new double[k];
        for (int l = 0; l < numLabels; l++) {
            remaining[l] = examplesOf.get(l).size();
            for (int j = 0; j < k; j++) {
                wantLabel[j][l] = fractions[j] * remaining[l];
            }
        }
        for (int j = 0; j < k; j++) {
            want[j] = fractions[j] * n;
        }
        int[] subsetOf = new int[n];
        Arrays.fill(subsetOf, -1);

        while (true) {
            int rarest = -1;
            for (int l = 0; l < numLabels; l++) {
                if (remaining[l] > 0 && (rarest < 0 || remaining[l] < remaining[rarest])) {
                    rarest = l;
                }
            }
            if (rarest < 0) {
                break;
            }
            for (int i : examplesOf.get(rarest)) {
                if (subsetOf[i] >= 0) {
                    continue;
                }
                int j = choose(wantLabel, rarest, want, rng);
                subsetOf[i] = j;
                want[j]--;
                for (int l : labelsOf[i]) {
                    wantLabel[j][l]--;
                    remaining[l]--;
                }
            }
        }
        for (int i : order) { // examples without labels
            if (subsetOf[i] < 0) {
                int j = choose(null, -1, want, rng);
                subsetOf[i] = j;
                want[j]--;
            }
        }
        List<List<Integer>> parts = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            parts.get(subsetOf[i]).add(i);
        }
        return parts;
    }

    /** argmax_j wantLabel[j][label], ties by argmax_j want[j], remaining ties at random. */
    private static int choose(double[][] wantLabel, int label, double[] want, Random rng) {
        List<Integer> best = new ArrayList<>();
        for (int j = 0; j < want.length; j++) {
            if (best.isEmpty()) {
                best.add(j);
                continue;
            }
            int cmp = compare(wantLabel, label, want, j, best.get(0));
            if (cmp > 0) {
                best.clear();
                best.add(j);
            } else if (cmp == 0) {
                best.add(j);
            }
        }
        return best.size() == 1 ? best.get(0) : best.get(rng.nextInt(best.size()));
    }

    private static int compare(double[][] wantLabel, int label, double[] want, int a, int b) {
        if (wantLabel != null) {
            int c = Double.compare(wantLabel[a][label], wantLabel[b][label]);
            if (c != 0) {
                return c;
            }
        }
        return Double.compare(want[a], want[b]);
    }
}
