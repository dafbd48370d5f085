package org.boe4j.bert;

import org.boe4j.nn.TrainableGather;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Measured defects of SameDiff 1.0.0-M2.1 that shaped the encoder's code. Each test shows the defect and the form
 * the encoder uses instead; if an upgrade fixes a defect, its test fails and the workaround can be reconsidered.
 */
class SameDiffTrapsTest {

    /** {@code mean(x, keepDims, -1)} on rank 3 leaves rows unwritten; LayerNorm therefore works on [P, D] rows. */
    @Test
    void meanOverNegativeAxisOfRank3IsWrong() {
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 5, 32);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1, 32);
        sd.mean("negative", x, true, -1);
        sd.mean("rows", x.reshape(-1, 32), true, 1);
        Map<String, INDArray> out = sd.output(Map.of("x", in), "negative", "rows");
        INDArray expected = in.mean(true, 2).reshape(10, 1);
        double rowsError = out.get("rows").sub(expected).amaxNumber().doubleValue();
        double negativeError = out.get("negative").reshape(10, 1).sub(expected).amaxNumber().doubleValue();
        assertThat(rowsError).isLessThan(1e-6);
        assertThat(negativeError).as("mean over axis -1 of a rank-3 array").isGreaterThan(1e-2);
    }

    /** The random op with a run-time shape repeats itself and ignores the seed; dropout masks are fed instead. */
    @Test
    void uniformWithRunTimeShapeRepeatsItself() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, -1);
        new DistributionUniform(sd, sd.shape(x), 0.0, 1.0, DataType.FLOAT).outputVariable().rename("u");
        INDArray in = Nd4j.zeros(DataType.FLOAT, 4, 8);
        Nd4j.getRandom().setSeed(1);
        INDArray first = sd.outputSingle(Map.of("x", in), "u").dup();
        Nd4j.getRandom().setSeed(2);
        INDArray second = sd.outputSingle(Map.of("x", in), "u");
        assertThat(second).isEqualTo(first);
    }

    /** Stock gather gradients fail with two lookups in a graph, unless {@link TrainableGather} is registered. */
    @Test
    void gatherGradientNeedsTheWorkaround() {
        // In a JVM where TrainableGather is already registered (other tests ran first) even sd.gather works, because
        // gradient construction clones ops through the registry; so only the registered path is asserted here,
        // and the stock failure is asserted only when this test runs first.
        Map<String, INDArray> feed = Map.of("ids", Nd4j.createFromArray(1, 1, 4));
        if (!registered()) {
            assertThatThrownBy(() -> twoLookups().calculateGradients(feed, "a", "b"))
                    .hasMessageContaining("Unable to replace samediff namespace");
            TrainableGather.register();
        }
        Map<String, INDArray> grads = twoLookups().calculateGradients(feed, "a", "b");
        // d loss / d a[i, :] = number of times i is looked up
        assertThat(grads.get("a").getColumn(0).toDoubleVector()).containsExactly(0, 2, 0, 0, 1);
        assertThat(grads.get("b").getColumn(2).toDoubleVector()).containsExactly(0, 2, 0, 0, 1);
    }

    /** loss = Σ (a[ids] + b[ids]) with the stock gather op. */
    private static SameDiff twoLookups() {
        SameDiff sd = SameDiff.create();
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1);
        SDVariable a = sd.var("a", Nd4j.rand(DataType.DOUBLE, 5, 3));
        SDVariable b = sd.var("b", Nd4j.rand(DataType.DOUBLE, 5, 3));
        sd.gather(a, ids, 0).add(sd.gather(b, ids, 0)).sum().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private static boolean registered() {
        try {
            var field = TrainableGather.class.getDeclaredField("registered");
            field.setAccessible(true);
            return field.getBoolean(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
