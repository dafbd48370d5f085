package org.boe4j.bert.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Which row implementation a kernel uses, and row-wise copies between ND4J arrays and Java arrays.
 *
 * <p>Float graphs use {@link VectorRows} when the JVM has the {@code jdk.incubator.vector} module (the launcher,
 * the tests and the benchmarks add it; {@code -Dboe4j.vector=false} turns it off); otherwise, and for double
 * graphs, rows are read into {@code double[]} and computed by {@link ScalarRows}. Rows are copied rather than
 * addressed in place because JDK 17's Vector API is fast on Java arrays; a row (≤ 3072 floats) stays in L1.
 */
final class Rows {

    /** Whether the Vector API is usable (module present and not switched off). */
    static final boolean VECTOR_AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("boe4j.vector", "true"));

    /** Tests switch this off to run the scalar float path in the same JVM. */
    static volatile boolean vector = VECTOR_AVAILABLE;

    private Rows() {
    }

    static boolean useVector(INDArray a) {
        return vector && a.dataType() == DataType.FLOAT;
    }

    /** Element access in double for the scalar path, over a float or double array. */
    abstract static class Doubles {

        abstract void get(int offset, double[] dst, int n);

        abstract void put(int offset, double[] src, int n);

        /** The whole array (a small parameter vector) as double[]. */
        double[] all(int n) {
            double[] d = new double[n];
            get(0, d, n);
            return d;
        }

        static Doubles of(INDArray a) {
            if (a.dataType() == DataType.DOUBLE) {
                DoubleBuffer b = HostArrays.doubles(a);
                return new Doubles() {
                    @Override
                    void get(int offset, double[] dst, int n) {
                        b.get(offset, dst, 0, n);
                    }

                    @Override
                    void put(int offset, double[] src, int n) {
                        b.put(offset, src, 0, n);
                    }
                };
            }
            FloatBuffer f = HostArrays.floats(a);
            return new Doubles() {
                @Override
                void get(int offset, double[] dst, int n) {
                    for (int j = 0; j < n; j++) {
                        dst[j] = f.get(offset + j);
                    }
                }

                @Override
                void put(int offset, double[] src, int n) {
                    for (int j = 0; j < n; j++) {
                        f.put(offset + j, (float) src[j]);
                    }
                }
            };
        }
    }

    /** A whole small float array (a parameter vector) as float[]. */
    static float[] floats(INDArray a) {
        float[] out = new float[(int) a.length()];
        HostArrays.floats(a).get(0, out, 0, out.length);
        return out;
    }

    /** Whether a dropout-mask input is the inference scalar 1 (then there is no mask to apply). */
    static boolean isUnitScalar(INDArray mask) {
        return mask.length() == 1 && mask.getDouble(0) == 1.0;
    }
}
