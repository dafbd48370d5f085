package org.boe4j.bert.fused;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major {@code C = alpha·op(A)·op(B) + beta·C} on sub-matrices of ND4J arrays, straight into the bundled OpenBLAS
 * ({@code cblas_sgemm}/{@code cblas_dgemm} through JavaCPP, ~1 µs per call against ~40-60 µs for an
 * {@code Nd4j.exec}). A sub-matrix is given by its array, the element offset of its first entry and its leading
 * dimension, so a head's [T, H] block of a [B·T, D] array is addressed in place (offset b·T·D + n·H, ld = D).
 */
final class Gemm {

    private Gemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     INDArray a, long aOff, int lda, INDArray b, long bOff, int ldb,
                     double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    HostArrays.floatPointer(a, aOff), lda, HostArrays.floatPointer(b, bOff), ldb, (float) beta,
                    HostArrays.floatPointer(c, cOff), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, alpha,
                    HostArrays.doublePointer(a, aOff), lda, HostArrays.doublePointer(b, bOff), ldb, beta,
                    HostArrays.doublePointer(c, cOff), ldc);
        }
    }

    /**
     * Runs {@code body} with OpenBLAS on one thread: the attention kernels call many small products from several
     * Java threads at once (one tile each), where OpenBLAS's own threading would only add synchronisation.
     */
    static void singleThreaded(Runnable body) {
        int previous = openblas_nolapack.blas_get_num_threads();
        if (previous > 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
        try {
            body.run();
        } finally {
            if (previous > 1) {
                openblas_nolapack.blas_set_num_threads(previous);
            }
        }
    }
}
