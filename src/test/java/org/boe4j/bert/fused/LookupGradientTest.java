package org.boe4j.bert.fused;

import org.boe4j.nn.Backprop;
import org.boe4j.nn.TrainableGather;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LookupGradient}, the gradient of {@link TrainableGather}: dTable[i] = Σ_{p : ids[p] = i} dOut[p], against
 * that sum written out here in double, against central finite differences, and its native memory over repeated
 * backward passes (the reason it exists: the stock {@code unsorted_segment_sum} kept ~7 MB per call of this size).
 */
class LookupGradientTest {

    static final int ROWS = 9;
    static final int D = 13;
    /** [2, 4] ids, some repeated (row 3 four times), some rows never looked up (0, 8). */
    static final int[][] IDS = {{3, 1, 3, 7}, {5, 3, 2, 3}};

    static KernelCheck check(DataType type) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        in.put("table", KernelCheck.uniform(4, -1, 1, ROWS, D).castTo(type));
        in.put("ids", Nd4j.createFromArray(IDS));
        return new KernelCheck(in, List.of("ids"), (sd, v) -> TrainableGather.lookup(sd, null, v.get("table"),
                v.get("ids")), 5);
    }

    /** The sum over the looked-up positions, element by element, from the loss weights R = dL/dOut. */
    static INDArray reference(INDArray r) {
        INDArray g = Nd4j.zeros(DataType.DOUBLE, ROWS, D);
        for (int b = 0; b < IDS.length; b++) {
            for (int k = 0; k < IDS[b].length; k++) {
                for (int j = 0; j < D; j++) {
                    int i = IDS[b][k];
                    g.putScalar(i, j, g.getDouble(i, j) + r.getDouble(b, k, j));
                }
            }
        }
        return g;
    }

    @Test
    void gradientIsTheSumOfTheLookedUpRowsGradients() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            KernelCheck c = check(type);
            INDArray expected = reference(c.sd.getVariable("R").getArr());
            INDArray actual = c.gradients().get("table");
            assertThat(actual.shape()).containsExactly(ROWS, D);
            assertThat(KernelCheck.maxAbsDiff(actual, expected)).as("%s", type)
                    .isLessThanOrEqualTo(type == DataType.DOUBLE ? 1e-15 : 1e-6);
            assertThat(actual.getRow(0).amaxNumber().doubleValue()).isZero();
            assertThat(actual.getRow(8).amaxNumber().doubleValue()).isZero();
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        assertThat(check(DataType.DOUBLE).finiteDifferenceError(1e-6, 6)).isLessThanOrEqualTo(1e-8);
    }

    /**
     * 60 backward passes of a lookup of 2,048 rows x 768 floats (a batch of 32 bags of 64 entities) into a
     * 5,000-row table, each result closed: resident memory must stay flat. With {@code unsorted_segment_sum} it grew
     * by ~7 MB a pass (about 420 MB here; measured 0.08 -> 1.16 GB over 150 such calls).
     */
    @Test
    void repeatedBackwardPassesDoNotGrowNativeMemory() {
        SameDiff sd = SameDiff.create();
        SDVariable table = sd.var("table", Nd4j.rand(DataType.FLOAT, 5000, 768));
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1, -1);
        SDVariable v = TrainableGather.lookup(sd, "vectors", table, ids);
        v.mul(v).sum().rename("loss");
        sd.setLossVariables("loss");
        Random random = new Random(7);
        long before = 0;
        for (int pass = 0; pass < 70; pass++) {
            int[][] id = new int[32][64];
            for (int[] row : id) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = random.nextInt(5000);
                }
            }
            INDArray feedIds = Nd4j.createFromArray(id);
            Backprop.gradients(sd, Map.of("ids", feedIds), List.of("table")).values().forEach(INDArray::close);
            feedIds.close();
            if (pass == 9) {
                before = Pointer.physicalBytes();   // after warm-up: the session's and allocator's own arrays exist
            }
        }
        long grown = Pointer.physicalBytes() - before;
        System.out.printf("lookup gradient: resident memory grew %.1f MB over 60 passes%n", grown / 1e6);
        assertThat(grown).isLessThan(150_000_000L);
    }
}
