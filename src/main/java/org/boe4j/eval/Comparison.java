package org.boe4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A variant against the baseline on one language (or "avg"), paired by seed: only seeds both have are used.
 * Both tests are reported: the t-test (assumes normal differences) and the exact sign-flip test (assumes only
 * symmetric differences under the null).
 */
public record Comparison(String variant, String baseline, String language, List<Long> seeds, PairedTTest tTest,
                         SignFlipTest signFlip) {

    public static final String AVERAGE = "avg";

    /** One comparison per non-baseline variant and language, then per variant on the per-seed average. */
    public static List<Comparison> all(ExperimentResults r) {
        List<Comparison> out = new ArrayList<>();
        for (String v : r.variants()) {
            if (v.equals(r.baseline())) {
                continue;
            }
            for (String lang : r.languages()) {
                out.add(of(v, r.baseline(), lang, r.bySeed(v, lang), r.bySeed(r.baseline(), lang)));
            }
            out.add(of(v, r.baseline(), AVERAGE, r.averageBySeed(v), r.averageBySeed(r.baseline())));
        }
        return out;
    }

    static Comparison of(String variant, String baseline, String language, TreeMap<Long, Double> v,
                         TreeMap<Long, Double> b) {
        List<Long> seeds = new ArrayList<>();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (var e : v.entrySet()) {
            Double other = b.get(e.getKey());
            if (other != null) {
                seeds.add(e.getKey());
                x.add(e.getValue());
                y.add(other);
            }
        }
        return new Comparison(variant, baseline, language, seeds, PairedTTest.of(x, y), SignFlipTest.of(x, y));
    }
}
