package org.boe4j.bert.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

import java.util.ArrayList;
import java.util.List;

/** Output shapes of the Java kernels, taken from their inputs. */
final class Shapes {

    private Shapes() {
    }

    /** One output per listed input, each with that input's shape and type. */
    static List<LongShapeDescriptor> like(OpContext oc, int... inputs) {
        List<LongShapeDescriptor> out = new ArrayList<>(inputs.length);
        for (int i : inputs) {
            INDArray a = oc.getInputArray(i);
            out.add(LongShapeDescriptor.fromShape(a.shape(), a.dataType()));
        }
        return out;
    }

    static LongShapeDescriptor of(INDArray typeOf, long... shape) {
        return LongShapeDescriptor.fromShape(shape, typeOf.dataType());
    }
}
