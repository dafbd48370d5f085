package org.boe4j.bert;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BertSelfAttention} scales Q before Q·Kᵀ where Google BERT scales the product: for H = 64 the factor 1/8 is a
 * power of two, so the float32 scores must be the same bit for bit. Checked on libnd4j's batched product with
 * [B, N, T, H] views, the layout the encoder uses, and on values spanning several binades.
 */
class AttentionScaleTest {

    @Test
    void scalingQueriesByAPowerOfTwoGivesTheScaledProductBitForBit() {
        int b = 2, n = 3, t = 17, h = 64;
        Nd4j.getRandom().setSeed(3);
        INDArray q = Nd4j.randn(DataType.FLOAT, b, t, n, h).muli(7);
        INDArray k = Nd4j.randn(DataType.FLOAT, b, t, n, h).muli(0.3);
        SameDiff sd = SameDiff.create();
        SDVariable qv = sd.placeHolder("q", DataType.FLOAT, -1, -1, n, h).permute(0, 2, 1, 3); // [B, N, T, H]
        SDVariable kv = sd.placeHolder("k", DataType.FLOAT, -1, -1, n, h).permute(0, 2, 1, 3); // [B, N, T, H]
        double scale = 1.0 / Math.sqrt(h);
        sd.mmul(qv, kv, false, true, false).mul(scale).rename("after");
        sd.mmul(qv.mul(scale), kv, false, true, false).rename("before");
        Map<String, INDArray> out = sd.output(Map.of("q", q, "k", k), "after", "before");
        INDArray after = out.get("after");
        INDArray before = out.get("before");
        assertThat(after.shape()).containsExactly(b, n, t, t);
        assertThat(after.amaxNumber().doubleValue()).isGreaterThan(1); // not a degenerate product
        for (long i = 0; i < after.length(); i++) {
            assertThat(Float.floatToIntBits(before.getFloat(i))).as("element %d", i)
                    .isEqualTo(Float.floatToIntBits(after.getFloat(i)));
        }
    }
}
