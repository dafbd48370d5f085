package org.boe4j.eval;

import org.boe4j.model.ModelVariant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.boe4j.model.ModelVariant.BASELINE;
import static org.boe4j.model.ModelVariant.BOE;
import static org.boe4j.model.ModelVariant.BOE_ATT;

/** The frozen-run estimate charges each run left its variant's measured mean, computed by hand here. */
class HeadRunsEstimateTest {

    @Test
    void eachRunLeftIsChargedItsVariantsMeanAndUnmeasuredOnesTheSlowest() {
        HeadRunsEstimate e = new HeadRunsEstimate();
        assertThat(e.remainingSeconds(List.of(BOE))).isNaN();
        e.record(BASELINE, 80);
        e.record(BASELINE, 100);
        e.record(BOE, 400);
        assertThat(e.meanSeconds(BASELINE)).isEqualTo(90.0);
        assertThat(e.meanSeconds(BOE_ATT)).isNaN();
        // boe 400 + boe-att charged as the slowest measured mean (boe, 400) + baseline 90 = 890 s
        assertThat(e.remainingSeconds(List.of(BOE, BOE_ATT, BASELINE))).isEqualTo(890.0);
        assertThat(e.describe(BOE, 400, List.of(BOE, BOE_ATT, BASELINE))).isEqualTo("boe run took 6m40s; 3 runs"
                + " left, about 14m50s (boe-att not measured yet: charged as the slowest variant measured)");
        assertThat(e.describe(BOE, 400, List.of(BOE))).isEqualTo("boe run took 6m40s; 1 run left, about 6m40s");
        assertThat(e.describe(BOE, 400, List.<ModelVariant>of())).isEqualTo("boe run took 6m40s; no run left");
    }
}
