package org.boe4j.nn;

import org.boe4j.bert.fused.FusedKernels;
import org.boe4j.bert.fused.LookupGradient;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Row lookup {@code out[..., :] = table[indices[...], :]} (gather on axis 0) whose gradient works when a graph
 * holds several lookups.
 *
 * <p>Why: SameDiff 1.0.0-M2.1's {@code Gather.doDiff} builds its gradient with {@code SDVariable.put}, whose
 * sub-graph fails with "Unable to replace samediff namespace" as soon as a graph holds more than one gather
 * (upstream deeplearning4j issues #9756, #9669, #9780); BERT has three (word, position, token type).
 * The gradient of a row lookup is a sum of the incoming gradient rows per table row:
 * {@code dTable[i, :] = sum over positions p with indices[p] == i of dOut[p, :]}; that is what
 * {@link #doDiff} builds, as the Java kernel {@link LookupGradient} on the CPU backend (the stock
 * {@code unsorted_segment_sum} leaks native memory there) and with {@code unsorted_segment_sum} elsewhere.
 * Not {@code scatter_add(zerosLike(table), ...)}: that op may update its first input in place, and once the
 * session releases arrays as soon as their last reader has run ({@link Backprop}), the released zero table can
 * share memory with the gradient it became: measured on a tiny encoder over 200 repeated backward passes, 15 word or
 * token-type gradients came out corrupted with scatter_add, none with the segment sum (BackpropTest).
 *
 * <p>Registration: SameDiff does not differentiate the op objects of the graph itself; building the gradient
 * function clones every op through its FlatBuffers serialisation ({@code FlatBuffersMapper.cloneViaSerialize}),
 * which looks the class up by the native op's hash and would give back a stock {@code Gather}. {@link #register()}
 * therefore points that hash at this class in ND4J's op registry. The forward computation is the stock native
 * op in every case; only the gradient changes, and only for axis 0 (other axes keep the stock gradient).
 */
public class TrainableGather extends Gather {

    private static volatile boolean registered;

    /** Needed by the op registry, which instantiates ops reflectively when cloning a graph. */
    public TrainableGather() {
    }

    private TrainableGather(SameDiff sd, SDVariable table, SDVariable indices) {
        super(sd, table, indices, 0);
    }

    /** {@code table[indices]} along axis 0: [V, D] gathered by [B, T] gives [B, T, D]. */
    public static SDVariable lookup(SameDiff sd, String name, SDVariable table, SDVariable indices) {
        register();
        SDVariable out = new TrainableGather(sd, table, indices).outputVariable();
        return name == null ? out : out.rename(name);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradOut) {
        if (jaxis != 0) {
            return super.doDiff(gradOut);
        }
        SDVariable table = arg(0);
        SDVariable indices = arg(1);
        SDVariable grad = gradOut.get(0);
        long[] tableShape = table.getShape();
        if (tableShape == null || tableShape[0] < 1 || tableShape[0] > Integer.MAX_VALUE) {
            throw new IllegalStateException("the gradient of a lookup needs the table's row count at graph build time, "
                    + table.name() + " has shape " + Arrays.toString(tableShape));
        }
        SDVariable tableGrad = FusedKernels.backendSupported()
                ? LookupGradient.of(sameDiff, grad, indices, tableShape[0])                          // [V, D]
                : segmentSum(grad, indices, table, (int) tableShape[0]);
        return List.of(tableGrad, sameDiff.zerosLike(indices));
    }

    /**
     * The same sum with the stock {@code unsorted_segment_sum}, for backends where the Java kernels do not apply
     * (CUDA): on the CPU backend of 1.0.0-M2.1 that op leaks native memory on every call ({@link LookupGradient}).
     */
    private SDVariable segmentSum(SDVariable grad, SDVariable indices, SDVariable table, int tableRows) {
        // Flatten to one row per looked-up index: indices [P], gradient rows [P, D].
        SDVariable flatIndices = indices.reshape(-1);                                       // [P]
        SDVariable rowShape = sameDiff.concat(0,
                sameDiff.constant(Nd4j.createFromArray(-1L)),
                sameDiff.shape(table).get(SDIndex.interval(1, 2)));
        SDVariable rows = sameDiff.reshape(grad, rowShape);                                 // [P, D]
        return sameDiff.unsortedSegmentSum(rows, flatIndices, tableRows);                  // [V, D]
    }

    /** Makes graph cloning (gradient construction, {@code dup}) recreate this class for the native gather op. */
    @SuppressWarnings("unchecked")
    public static synchronized void register() {
        if (registered) {
            return;
        }
        long hash = new Gather().opHash();
        try {
            DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            single.setAccessible(true);
            ((Map<Long, Class<?>>) single.get(holder)).put(hash, TrainableGather.class);
            Field multi = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            multi.setAccessible(true);
            Map<String, Class<?>> byName = ((Map<Long, Map<String, Class<?>>>) multi.get(holder)).get(hash);
            if (byName != null) {
                byName.replaceAll((name, cls) -> cls == Gather.class ? TrainableGather.class : cls);
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot register the gather gradient workaround in this ND4J version", e);
        }
        registered = true;
    }
}
