package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Supplier;

/**
 * The switch and the one place that wires the fused Java kernels into SameDiff.
 *
 * <p>What is fused (each kernel file states its equation): the attention core ({@link AttentionCore}), bias + GELU
 * ({@link BiasGelu}) and dropout + bias + residual + LayerNorm ({@link ResidualLayerNorm}); each has a Java
 * gradient op. The plain op-by-op graph stays available: the encoder builds it when {@link #enabled} is false.
 *
 * <p>When: {@link #enabled(boolean)} is true if asked for (the system property {@value #PROPERTY}, default
 * {@code true}, or the encoder option), on the CPU backend (the kernels read host memory and call the bundled
 * OpenBLAS, neither of which applies to the CUDA backend), for float and double graphs.
 *
 * <p>{@link #install()} binds {@link JavaKernelSession} as SameDiff's inference-session factory (JVM-wide, once:
 * graphs without Java ops run exactly as before, since the session hands every other op to SameDiff's own) and
 * registers the op names for the gradient function's clone step.
 */
public final class FusedKernels {

    /** System property choosing the default: {@code -Dboe4j.fused=false} builds the plain graph everywhere. */
    public static final String PROPERTY = "boe4j.fused";

    private static volatile boolean installed;

    private FusedKernels() {
    }

    /** The default of the encoder option: the system property, true unless set to false. */
    public static boolean requestedByDefault() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** Whether kernels apply to this backend at all (CPU only). */
    public static boolean backendSupported() {
        return Nd4j.getEnvironment().isCPU();
    }

    /** Whether an encoder of {@code dataType} built with the option {@code requested} uses the fused kernels. */
    public static boolean enabled(boolean requested, DataType dataType) {
        return requested && backendSupported() && (dataType == DataType.FLOAT || dataType == DataType.DOUBLE);
    }

    /**
     * Forgets {@code sd}'s sessions that are not {@link JavaKernelSession}s (SameDiff may create one while a graph is
     * being built, before the factory was bound); the next execution creates a new one through the factory. Without
     * this a stock session would hand a Java op to libnd4j, which crashes the JVM on an op hash of 0.
     */
    static void dropStockSessions(SameDiff sd) {
        sd.getSessions().values().removeIf(s -> !(s instanceof JavaKernelSession));
    }

    /** Binds the session factory and registers the op names; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        List<Supplier<JavaKernelOp>> ops = List.of(AttentionCore::new, AttentionCore.Grad::new,
                AttentionProbs::new, BiasGelu::new, BiasGelu.Grad::new, ResidualLayerNorm::new,
                ResidualLayerNorm.Grad::new, LookupGradient::new);
        for (Supplier<JavaKernelOp> op : ops) {
            JavaKernelOp instance = op.get();
            ImportClassMapping.getOpNameMapping().put(instance.opName(), instance);
        }
        SameDiff.bindInferenceFactory(JavaKernelSession::new);
        installed = true;
    }
}
