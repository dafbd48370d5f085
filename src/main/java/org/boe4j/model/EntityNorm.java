package org.boe4j.model;

import java.util.Locale;

/**
 * What length the initial entity vectors are given (ours; the paper uses Wikipedia2Vec vectors as they are). The
 * reason: z (eq. (4) of docs/method.md) is added to h (eqs. (5)-(6)), so a vector much longer than h displaces h in every document that has an entity,
 * and one much shorter changes nothing until training grows it. Measured on the demo's name encodings: |v| = 13.2
 * against |h| = 11.9 (docs/results.md).
 *
 * <ul>
 *   <li>{@code raw}: as encoded (the paper's behaviour for Wikipedia2Vec vectors)</li>
 *   <li>{@code 0.55}: every row rescaled to this norm (0.55 is the expected norm of the N(0, 0.02^2) rows of -emb
 *       in 768 dimensions: 0.02 sqrt(768))</li>
 *   <li>{@code 0.05h}: every row rescaled to this fraction of the mean |h| of the training documents</li>
 * </ul>
 * Direction is kept: only the length of each row changes (a zero row stays zero).
 */
public record EntityNorm(Kind kind, double value) {

    public enum Kind { RAW, ABSOLUTE, FRACTION_OF_H }

    public static final EntityNorm RAW = new EntityNorm(Kind.RAW, 0);

    public EntityNorm {
        if (kind != Kind.RAW && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("an entity-vector norm must be > 0, found " + value);
        }
    }

    /** "raw", a number ("0.55"), or a number followed by h ("0.05h"). */
    public static EntityNorm parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("raw")) {
                return RAW;
            }
            if (t.endsWith("h")) {
                return new EntityNorm(Kind.FRACTION_OF_H, Double.parseDouble(t.substring(0, t.length() - 1)));
            }
            return new EntityNorm(Kind.ABSOLUTE, Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("entity-vector norm '" + text + "': expected raw, a number (0.55) or"
                    + " a fraction of |h| (0.05h)");
        }
    }

    /** The target norm given the mean |h| of the training documents (NaN for raw). */
    public double target(double meanHNorm) {
        return switch (kind) {
            case RAW -> Double.NaN;
            case ABSOLUTE -> value;
            case FRACTION_OF_H -> value * meanHNorm;
        };
    }

    /** Rescales every row of the row-major [rows, d] data in place to the target norm (raw: unchanged). */
    public void apply(float[] data, int d, double meanHNorm) {
        if (kind == Kind.RAW) {
            return;
        }
        double target = target(meanHNorm);
        for (int r = 0; r * d < data.length; r++) {
            double sq = 0;
            for (int c = 0; c < d; c++) {
                sq += (double) data[r * d + c] * data[r * d + c];
            }
            if (sq == 0) {
                continue;
            }
            double f = target / Math.sqrt(sq);
            for (int c = 0; c < d; c++) {
                data[r * d + c] = (float) (data[r * d + c] * f);
            }
        }
    }

    public String cliForm() {
        return switch (kind) {
            case RAW -> "raw";
            case ABSOLUTE -> Double.toString(value);
            case FRACTION_OF_H -> value + "h";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RAW -> "as encoded";
            case ABSOLUTE -> String.format(Locale.ROOT, "rescaled to |v| = %s", value);
            case FRACTION_OF_H -> String.format(Locale.ROOT, "rescaled to |v| = %s x mean |h|", value);
        };
    }
}
