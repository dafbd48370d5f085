package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    @Test
    void logGammaMatchesFactorialsAndHalfIntegers() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880), within(1e-12));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        // scipy.special.gammaln(0.1) = 2.252712651734206, gammaln(171.5) = 709.1431630309283
        assertThat(SpecialFunctions.logGamma(0.1)).isCloseTo(2.252712651734206, within(1e-13));
        assertThat(SpecialFunctions.logGamma(171.5)).isCloseTo(709.1431630309283, within(1e-10));
    }

    @Test
    void incompleteBetaMatchesClosedForms() {
        for (double x = 0.05; x < 1; x += 0.1) {
            assertThat(SpecialFunctions.regularizedIncompleteBeta(x, 1, 1)).isCloseTo(x, within(1e-14));
            // I_x(a, 1) = x^a ; I_x(1, b) = 1 - (1 - x)^b ; I_x(2, 2) = 3x² - 2x³
            assertThat(SpecialFunctions.regularizedIncompleteBeta(x, 3.5, 1)).isCloseTo(Math.pow(x, 3.5), within(1e-14));
            assertThat(SpecialFunctions.regularizedIncompleteBeta(x, 1, 4))
                    .isCloseTo(1 - Math.pow(1 - x, 4), within(1e-14));
            assertThat(SpecialFunctions.regularizedIncompleteBeta(x, 2, 2))
                    .isCloseTo(3 * x * x - 2 * x * x * x, within(1e-14));
            // symmetry I_x(a, b) = 1 - I_{1-x}(b, a)
            assertThat(SpecialFunctions.regularizedIncompleteBeta(x, 2.5, 7))
                    .isCloseTo(1 - SpecialFunctions.regularizedIncompleteBeta(1 - x, 7, 2.5), within(1e-14));
        }
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.5, 6, 6)).isCloseTo(0.5, within(1e-14));
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0, 2, 3)).isZero();
        assertThat(SpecialFunctions.regularizedIncompleteBeta(1, 2, 3)).isEqualTo(1);
    }

    @Test
    void incompleteBetaMatchesAnIndependentImplementation() {
        // values from scipy.special.betainc(a, b, x), computed once
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.3, 2.5, 4.0)).isCloseTo(0.3521975859067672, within(1e-13));
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.9, 0.5, 0.5)).isCloseTo(0.7951672353008665, within(1e-13));
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.01, 30, 2)).isCloseTo(3.0700000000000017e-59, offset(1e-70));
        assertThat(SpecialFunctions.regularizedIncompleteBeta(0.7, 200, 150)).isCloseTo(0.9999998043866899, within(1e-12));
    }
}
