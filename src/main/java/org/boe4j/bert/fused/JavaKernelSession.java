package org.boe4j.bert.fused;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.ExecutionResult;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.AbstractSession;
import org.nd4j.autodiff.samediff.internal.FrameIter;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ops.OpContext;

import java.util.Map;
import java.util.Set;

/**
 * The inference session of every SameDiff graph in the JVM once {@link FusedKernels#install()} has run: ops that are
 * {@link JavaKernelOp}s are executed in Java, every other op exactly as SameDiff's own session executes it.
 *
 * <p>Why a session: {@code SameDiff.output(...)} and the gradient function that {@code nn.Backprop} runs both
 * create their sessions through {@code SameDiff.getInferenceFactory()}, and {@code doExec} is where one op is run
 * with its input and (already allocated) output arrays. SameDiff's {@code fit()} builds a {@code TrainingSession}
 * directly and would not see the Java ops; the project trains through {@code Backprop}. Every session made here
 * frees the arrays it releases at once ({@link FreeOnRelease}).
 */
public final class JavaKernelSession extends InferenceSession {

    public JavaKernelSession(SameDiff sd) {
        super(sd);
        getMmgr().close();
        setMmgr(new FreeOnRelease());   // every session frees released arrays at once (FreeOnRelease says why)
    }

    @Override
    public ExecutionResult doExec(DifferentialFunction op, OpContext oc, FrameIter frameIter,
                                  Set<AbstractSession.VarId> opInputs, Set<AbstractSession.VarId> allIterInputs,
                                  Set<String> constAndPhInputs, Map<String, SDValue> otherPlaceholders) {
        if (op instanceof JavaKernelOp) {
            ((JavaKernelOp) op).execute(oc);
            return ExecutionResult.createFrom(op, oc);
        }
        return super.doExec(op, oc, frameIter, opInputs, allIterInputs, constAndPhInputs, otherPlaceholders);
    }
}
