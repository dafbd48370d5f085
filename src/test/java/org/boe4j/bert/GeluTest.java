package org.boe4j.bert;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.util.Map;

/**
 * GELU against closed forms evaluated in Java double precision, independently of ND4J. The erf reference is
 * the Maclaurin series of erf (exact to ~1e-13 for |x| ≤ 3); its value at 1 is checked against the known
 * Φ(1) = 0.8413447460685429, and the tanh reference against 0.8411919906082768 computed by hand from
 * 0.5·(1 + tanh(sqrt(2/π)·1.044715)).
 */
class GeluTest {

    static final double[] XS = {-3.0, -2.5, -1.7, -1.0, -0.5, -0.1, 0.0, 1e-4, 0.3, 0.7, 1.0, 1.5, 2.2, 3.0};

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static double geluErf(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf(z) = 2/sqrt(π) Σ (−1)^n z^(2n+1) / (n! (2n+1)). */
    static double erf(double z) {
        double term = z;  // (−1)^n z^(2n+1) / n!
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-18) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void referencesMatchKnownConstants() {
        assertThat(geluErf(1.0)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(geluTanh(1.0)).isCloseTo(0.8411919906082768, within(1e-15));
        assertThat(erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
    }

    @Test
    void tanhVariantMatchesClosedFormInDouble() {
        assertMatches(HiddenAct.GELU_TANH, DataType.DOUBLE, 1e-14); // measured 4.4e-16 (sigmoid form; 6.9e-18 with tanh)
    }

    @Test
    void erfVariantMatchesClosedFormInDouble() {
        assertMatches(HiddenAct.GELU_ERF, DataType.DOUBLE, 1e-14); // measured 2.2e-16
    }

    @Test
    void bothVariantsMatchInFloat() {
        assertMatches(HiddenAct.GELU_TANH, DataType.FLOAT, 1e-6); // measured 1.6e-7 (sigmoid form; 7.8e-8 with tanh)
        assertMatches(HiddenAct.GELU_ERF, DataType.FLOAT, 1e-6);  // measured 8.4e-8
    }

    @Test
    void variantsDifferWhereTheReferenceSaysTheyDo() {
        // The two variants differ by up to ~2e-4 per element around |x| ≈ 2; the graph must not mix them up.
        INDArray tanh = run(HiddenAct.GELU_TANH, DataType.DOUBLE);
        INDArray erf = run(HiddenAct.GELU_ERF, DataType.DOUBLE);
        double maxGap = tanh.sub(erf).amaxNumber().doubleValue();
        assertThat(maxGap).isGreaterThan(1e-4);
    }

    private static void assertMatches(HiddenAct act, DataType type, double tol) {
        INDArray y = run(act, type);
        double worst = 0;
        for (int i = 0; i < XS.length; i++) {
            worst = Math.max(worst, Math.abs(y.getDouble(i) - (act == HiddenAct.GELU_TANH ? geluTanh(XS[i]) : geluErf(XS[i]))));
        }
        System.out.printf("gelu %s %s: max abs error %.2e%n", act, type, worst);
        for (int i = 0; i < XS.length; i++) {
            double expected = act == HiddenAct.GELU_TANH ? geluTanh(XS[i]) : geluErf(XS[i]);
            assertThat(y.getDouble(i)).as("%s(%s) in %s", act, XS[i], type).isCloseTo(expected, within(tol));
        }
    }

    private static INDArray run(HiddenAct act, DataType type) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", type, -1);
        Gelu.apply(sd, "y", x, act);
        return sd.outputSingle(Map.of("x", Nd4j.createFromArray(XS).castTo(type)), "y").castTo(DataType.DOUBLE);
    }
}
