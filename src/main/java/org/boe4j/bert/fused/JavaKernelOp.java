package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A graph node whose forward pass is Java code, run by {@link JavaKernelSession} instead of libnd4j.
 *
 * <p>Why a {@link DynamicCustomOp}: SameDiff builds, serialises, clones (for the gradient function) and schedules
 * such ops like any other; only the execution is ours. The contract SameDiff 1.0.0-M2.1 needs: {@code opHash() = 0}
 * (no native op), output shapes from the input arrays ({@code calculateOutputShape(OpContext)}), every setting in
 * the integer/float arguments (they survive the serialise-and-clone step; fields would not), a no-argument
 * constructor, and the op name registered in {@code ImportClassMapping} ({@link FusedKernels#install()}) so that
 * the clone finds the class. Inputs are read through {@link HostArrays}, which copies a non-contiguous view first.
 */
public abstract class JavaKernelOp extends DynamicCustomOp {

    protected JavaKernelOp() {
    }

    protected JavaKernelOp(SameDiff sd, SDVariable... inputs) {
        super(sd, inputs);
        FusedKernels.install();
        FusedKernels.dropStockSessions(sd);
    }

    /** Computes every output array of {@code oc} (allocated by the session, uninitialised) from its inputs. */
    public abstract void execute(OpContext oc);

    @Override
    public long opHash() {
        return 0L;
    }

    /** All outputs have the first input's floating-point type. */
    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> dataTypes) {
        return Collections.nCopies(getNumOutputs(), dataTypes.get(0));
    }

    @Override
    public Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    @Override
    public void setPropertiesForFunction(Map<String, Object> properties) {
        // every setting is an integer or float argument
    }

    @Override
    public void configureFromArguments() {
        // read from iArgs()/tArgs() when executed
    }

    protected static int intArg(DynamicCustomOp op, int i) {
        return (int) op.iArgs()[i];
    }

    protected static double floatArg(DynamicCustomOp op, int i) {
        return op.tArgs()[i];
    }

    /**
     * Input {@code i} of {@code oc}, C-ordered and without offset. A copy is made only for a strided view (none of
     * the encoder's inputs is one); it is left to the garbage collector.
     */
    protected static INDArray in(OpContext oc, int i) {
        return HostArrays.contiguous(oc.getInputArray(i));
    }
}
