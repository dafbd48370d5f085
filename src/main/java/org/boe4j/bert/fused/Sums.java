package org.boe4j.bert.fused;

import java.nio.FloatBuffer;

/** Column sums of the per-part partial results (bias, gamma and beta gradients), written to the output. */
final class Sums {

    private Sums() {
    }

    static void columnsInto(float[][] partial, FloatBuffer out) {
        int n = partial[0].length;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (float[] p : partial) {
                s += p[j];
            }
            out.put(j, (float) s);
        }
    }

    static void columnsInto(double[][] partial, Rows.Doubles out) {
        int n = partial[0].length;
        double[] s = new double[n];
        for (double[] p : partial) {
            for (int j = 0; j < n; j++) {
                s[j] += p[j];
            }
        }
        out.put(0, s, n);
    }
}
