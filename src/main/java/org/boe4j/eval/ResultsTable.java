package org.boe4j.eval;

import org.boe4j.lang.Languages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper-style table: rows = model variants, columns = languages + avg, each cell the mean over seeds with
 * the sample standard deviation, in percent: {@code 94.1 (± 0.3)}; a single seed shows the mean alone, a missing
 * cell shows {@code –}.
 */
public final class ResultsTable {

    /** One cell in percent. */
    public record Cell(int n, double meanPercent, double stdPercent) {
        public String format() {
            if (n == 0) {
                return "–";
            }
            if (n == 1 || Double.isNaN(stdPercent)) {
                return String.format(Locale.ROOT, "%.1f", meanPercent);
            }
            return String.format(Locale.ROOT, "%.1f (± %.1f)", meanPercent, stdPercent);
        }
    }

    /** One row: a variant's cells in column order, the average last. */
    public record Row(String variant, List<Cell> cells) {
    }

    private final List<String> columns;
    private final List<Row> rows;

    private ResultsTable(List<String> columns, List<Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static ResultsTable of(ExperimentResults r) {
        List<String> columns = new ArrayList<>(r.languages());
        columns.add(Comparison.AVERAGE);
        List<Row> rows = new ArrayList<>();
        for (String v : r.variants()) {
            List<Cell> cells = new ArrayList<>();
            for (String lang : r.languages()) {
                cells.add(cell(r.values(v, lang)));
            }
            cells.add(cell(new ArrayList<>(r.averageBySeed(v).values())));
            rows.add(new Row(v, cells));
        }
        return new ResultsTable(columns, rows);
    }

    /** The paper's table restricted to the languages of {@code r} (matched by ISO code), with the paper's avg. */
    public static ResultsTable paper(PaperResults.PaperTable paper, ExperimentResults r) {
        List<String> columns = new ArrayList<>(r.languages());
        columns.add(Comparison.AVERAGE);
        List<Row> rows = new ArrayList<>();
        for (String v : paper.rows().keySet()) {
            List<Cell> cells = new ArrayList<>();
            for (String lang : r.languages()) {
                double x = paper.value(v, Languages.code(lang));
                cells.add(Double.isNaN(x) ? new Cell(0, Double.NaN, Double.NaN) : new Cell(1, x, Double.NaN));
            }
            cells.add(new Cell(1, paper.average().get(v), Double.NaN));
            rows.add(new Row(v, cells));
        }
        return new ResultsTable(columns, rows);
    }

    private static Cell cell(List<Double> fractions) {
        SeedSummary s = SeedSummary.of(fractions);
        return new Cell(s.n(), 100 * s.mean(), 100 * s.std());
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| model |");
        columns.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        columns.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (Row row : rows) {
            sb.append("| ").append(row.variant.replace("|", "\\|")).append(" |");
            row.cells.forEach(c -> sb.append(' ').append(c.format()).append(" |"));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** RFC-4180 CSV with the same cells as the Markdown table (the JSON report holds the raw numbers). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("model");
        columns.forEach(c -> sb.append(',').append(csv(c)));
        sb.append("\r\n");
        for (Row row : rows) {
            sb.append(csv(row.variant));
            row.cells.forEach(c -> sb.append(',').append(csv(c.format())));
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
