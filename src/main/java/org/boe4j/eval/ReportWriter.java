package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.boe4j.io.AtomicFiles;

/**
 * Writes an experiment's report into its run directory ({@code runs/<name>/}); every file is written atomically.
 *
 * <pre>
 * table.md         results table (mean (± std) in %), significance vs baseline, the paper's table, provenance
 * table.csv        the results table, same cells
 * significance.csv one row per variant x language: paired t-test and exact sign-flip test
 * results.json     every number: per-seed values with their provenance, summaries, tests, paper table,
 *                  confusion matrices
 * confusion.md     confusion matrices pooled over seeds (only if the runner recorded any)
 * charts/&lt;lang&gt;.png one bar chart per language, charts/all.png every language and the average
 * </pre>
 */
public final class ReportWriter {

    public static final int FORMAT_VERSION = 1;

    private ReportWriter() {
    }

    /** Writes all report files; {@code paper} may be null (no side-by-side table). */
    public static void write(Path runDir, ExperimentResults r, PaperResults.PaperTable paper) throws IOException {
        ResultsTable table = ResultsTable.of(r);
        List<Comparison> comparisons = Comparison.all(r);
        AtomicFiles.writeString(runDir.resolve("table.md"), markdown(r, table, comparisons, paper));
        AtomicFiles.writeString(runDir.resolve("table.csv"), table.toCsv());
        AtomicFiles.writeString(runDir.resolve("significance.csv"), significanceCsv(comparisons));
        AtomicFiles.writeString(runDir.resolve("results.json"), json(r, table, comparisons, paper));
        if (!r.confusion().isEmpty()) {
            AtomicFiles.writeString(runDir.resolve("confusion.md"), confusionMarkdown(r));
        }
        Path charts = runDir.resolve("charts");
        for (String lang : r.languages()) {
            BarChart.writePng(BarChart.chart(r, List.of(lang), r.name() + ": " + r.metric() + ", " + lang),
                    charts.resolve(fileName(lang) + ".png"));
        }
        List<String> all = new ArrayList<>(r.languages());
        all.add(Comparison.AVERAGE);
        BarChart.writePng(BarChart.chart(r, all, r.name() + ": " + r.metric()), charts.resolve("all.png"));
    }

    /** A language code as a safe file name. */
    public static String fileName(String language) {
        return language.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String markdown(ExperimentResults r, ResultsTable table, List<Comparison> comparisons,
                           PaperResults.PaperTable paper) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(r.name()).append("\n\n");
        sb.append(r.metric()).append(" in %, mean over seeds (± sample standard deviation, n - 1); ")
                .append("avg = mean over ").append(String.join(", ", r.averageLanguages()))
                .append(" per seed.\n\n");
        sb.append(table.toMarkdown()).append('\n');
        if (!comparisons.isEmpty()) {
            sb.append("## Significance against ").append(r.baseline()).append("\n\n");
            sb.append("Paired by seed. Δ = variant − baseline in points. t-test: two-sided, df = n − 1. ")
                    .append("Sign-flip: exact over all 2^n sign assignments (n ≤ ")
                    .append(SignFlipTest.MAX_EXACT).append("), two-sided.\n\n");
            sb.append("| variant | language | n | Δ mean | t | p (t-test) | p (sign-flip) |\n");
            sb.append("|---|---|---|---|---|---|---|\n");
            for (Comparison c : comparisons) {
                sb.append("| ").append(c.variant()).append(" | ").append(c.language()).append(" | ")
                        .append(c.seeds().size()).append(" | ").append(num("%+.2f", 100 * c.tTest().meanDifference()))
                        .append(" | ").append(num("%.3f", c.tTest().t())).append(" | ")
                        .append(num("%.4f", c.tTest().p())).append(" | ")
                        .append(num("%.4f", c.signFlip().p())).append(" (").append(c.signFlip().atLeastAsExtreme())
                        .append('/').append(c.signFlip().assignments())
                        .append(c.signFlip().exact() ? "" : ", Monte Carlo").append(") |\n");
            }
            sb.append('\n');
        }
        if (paper != null) {
            sb.append("## Paper: ").append(paper.task()).append(", ").append(paper.metric())
                    .append(" (reported; for comparison of shape, not of data)\n\n");
            sb.append(ResultsTable.paper(paper, r).toMarkdown()).append('\n');
            sb.append("Paper avg: ").append(paper.averageNote()).append(".\n\n");
        }
        if (!r.provenance().isEmpty()) {
            sb.append("## Provenance\n\n");
            for (Map.Entry<String, String> e : r.provenanceOrdered().entrySet()) {
                sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    static String significanceCsv(List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder("variant,baseline,language,n,mean_difference,t,df,p_t_test,"
                + "sign_flip_count,sign_flip_total,sign_flip_exact,p_sign_flip\r\n");
        for (Comparison c : comparisons) {
            sb.append(ResultsTable.csv(c.variant())).append(',').append(ResultsTable.csv(c.baseline())).append(',')
                    .append(ResultsTable.csv(c.language())).append(',').append(c.seeds().size()).append(',')
                    .append(c.tTest().meanDifference()).append(',').append(c.tTest().t()).append(',')
                    .append(c.tTest().df()).append(',').append(c.tTest().p()).append(',')
                    .append(c.signFlip().atLeastAsExtreme()).append(',').append(c.signFlip().assignments())
                    .append(',').append(c.signFlip().exact()).append(',').append(c.signFlip().p()).append("\r\n");
        }
        return sb.toString();
    }

    static String json(ExperimentResults r, ResultsTable table, List<Comparison> comparisons,
                       PaperResults.PaperTable paper) {
        JsonObject root = new JsonObject();
        root.addProperty("format", "boe4j-experiment-results");
        root.addProperty("version", FORMAT_VERSION);
        root.addProperty("name", r.name());
        root.addProperty("metric", r.metric());
        root.addProperty("unit", "fraction in [0, 1] for values; percent in 'table'");
        root.addProperty("std", "sample standard deviation over seeds (n - 1)");
        root.addProperty("baseline", r.baseline());
        root.add("variants", strings(r.variants()));
        root.add("languages", strings(r.languages()));
        root.add("average_over", strings(r.averageLanguages()));
        JsonObject prov = new JsonObject();
        r.provenanceOrdered().forEach(prov::addProperty);
        root.add("provenance", prov);

        JsonArray cells = new JsonArray();
        for (String v : r.variants()) {
            for (String lang : r.languages()) {
                JsonObject cell = new JsonObject();
                cell.addProperty("variant", v);
                cell.addProperty("language", lang);
                SeedSummary s = SeedSummary.of(r.values(v, lang));
                cell.addProperty("n", s.n());
                cell.add("mean", number(s.mean()));
                cell.add("std", number(s.std()));
                JsonArray runs = new JsonArray();
                r.bySeed(v, lang).forEach((seed, value) -> {
                    JsonObject run = new JsonObject();
                    run.addProperty("seed", seed);
                    run.add("value", number(value));
                    JsonObject rp = new JsonObject();
                    r.runProvenance(v, lang, seed).forEach(rp::addProperty);
                    run.add("provenance", rp);
                    runs.add(run);
                });
                cell.add("runs", runs);
                cells.add(cell);
            }
            JsonObject avg = new JsonObject();
            avg.addProperty("variant", v);
            avg.addProperty("language", Comparison.AVERAGE);
            SeedSummary s = SeedSummary.of(List.copyOf(r.averageBySeed(v).values()));
            avg.addProperty("n", s.n());
            avg.add("mean", number(s.mean()));
            avg.add("std", number(s.std()));
            JsonObject bySeed = new JsonObject();
            r.averageBySeed(v).forEach((seed, value) -> bySeed.add(Long.toString(seed), number(value)));
            avg.add("by_seed", bySeed);
            cells.add(avg);
        }
        root.add("cells", cells);

        JsonArray tableJson = new JsonArray();
        for (ResultsTable.Row row : table.rows()) {
            JsonObject o = new JsonObject();
            o.addProperty("variant", row.variant());
            for (int i = 0; i < table.columns().size(); i++) {
                o.addProperty(table.columns().get(i), row.cells().get(i).format());
            }
            tableJson.add(o);
        }
        root.add("table", tableJson);

        JsonArray sig = new JsonArray();
        for (Comparison c : comparisons) {
            JsonObject o = new JsonObject();
            o.addProperty("variant", c.variant());
            o.addProperty("baseline", c.baseline());
            o.addProperty("language", c.language());
            JsonArray seeds = new JsonArray();
            c.seeds().forEach(seeds::add);
            o.add("seeds", seeds);
            JsonObject t = new JsonObject();
            t.add("mean_difference", number(c.tTest().meanDifference()));
            t.add("sd_difference", number(c.tTest().sdDifference()));
            t.add("t", number(c.tTest().t()));
            t.addProperty("df", c.tTest().df());
            t.add("p", number(c.tTest().p()));
            o.add("paired_t_test", t);
            JsonObject f = new JsonObject();
            f.add("observed_sum", number(c.signFlip().observedSum()));
            f.addProperty("at_least_as_extreme", c.signFlip().atLeastAsExtreme());
            f.addProperty("assignments", c.signFlip().assignments());
            f.addProperty("exact", c.signFlip().exact());
            f.add("p", number(c.signFlip().p()));
            o.add("sign_flip_test", f);
            sig.add(o);
        }
        root.add("significance", sig);

        if (paper != null) {
            JsonObject p = new JsonObject();
            p.addProperty("task", paper.task());
            p.addProperty("metric", paper.metric());
            p.addProperty("unit", "percent");
            p.add("languages", strings(paper.languages()));
            p.addProperty("average_note", paper.averageNote());
            JsonObject rows = new JsonObject();
            paper.rows().forEach((v, values) -> {
                JsonObject row = new JsonObject();
                for (int i = 0; i < values.length; i++) {
                    row.addProperty(paper.languages().get(i), values[i]);
                }
                row.addProperty(Comparison.AVERAGE, paper.average().get(v));
                rows.add(v, row);
            });
            p.add("rows", rows);
            root.add("paper", p);
        }

        JsonArray conf = new JsonArray();
        r.confusion().forEach((key, m) -> {
            JsonObject o = new JsonObject();
            o.addProperty("variant", key.variant());
            o.addProperty("language", key.language());
            o.addProperty("seed", key.seed());
            o.add("labels", strings(m.labels()));
            JsonArray rows = new JsonArray();
            for (long[] row : m.toArray()) {
                JsonArray a = new JsonArray();
                for (long c : row) {
                    a.add(c);
                }
                rows.add(a);
            }
            o.add("counts_gold_by_predicted", rows);
            o.add("accuracy", number(m.accuracy()));
            o.add("macro_f1", number(m.macroF1()));
            conf.add(o);
        });
        root.add("confusion", conf);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return gson.toJson(root) + "\n";
    }

    static String confusionMarkdown(ExperimentResults r) {
        StringBuilder sb = new StringBuilder("# Confusion matrices (rows gold, columns predicted; pooled over seeds)\n");
        for (String v : r.variants()) {
            for (String lang : r.languages()) {
                ConfusionMatrix pooled = null;
                int seeds = 0;
                for (var e : r.confusion().entrySet()) {
                    if (e.getKey().variant().equals(v) && e.getKey().language().equals(lang)) {
                        if (pooled == null) {
                            pooled = new ConfusionMatrix(e.getValue().labels());
                        }
                        pooled.addAll(e.getValue());
                        seeds++;
                    }
                }
                if (pooled == null) {
                    continue;
                }
                sb.append("\n## ").append(v).append(", ").append(lang).append(" (").append(seeds)
                        .append(seeds == 1 ? " seed" : " seeds").append(")\n\n| gold \\ predicted |");
                pooled.labels().forEach(l -> sb.append(' ').append(l).append(" |"));
                sb.append("\n|---|");
                pooled.labels().forEach(l -> sb.append("---|"));
                sb.append('\n');
                long[][] counts = pooled.toArray();
                for (int g = 0; g < counts.length; g++) {
                    sb.append("| ").append(pooled.labels().get(g)).append(" |");
                    for (long c : counts[g]) {
                        sb.append(' ').append(c).append(" |");
                    }
                    sb.append('\n');
                }
                sb.append(String.format(Locale.ROOT, "%naccuracy %.1f %%, macro-F1 %.1f %%%n",
                        100 * pooled.accuracy(), 100 * pooled.macroF1()));
            }
        }
        return sb.toString();
    }

    private static String num(String format, double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, format, x);
    }

    /** JSON has no NaN or infinity: undefined numbers (e.g. the std of one seed) are written as null. */
    private static JsonElement number(double x) {
        return Double.isFinite(x) ? new JsonPrimitive(x) : JsonNull.INSTANCE;
    }

    private static JsonArray strings(List<String> xs) {
        JsonArray a = new JsonArray();
        xs.forEach(a::add);
        return a;
    }
}
