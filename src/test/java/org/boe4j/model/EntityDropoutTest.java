package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entity dropout: only real entities are dropped, about the asked fraction, the same draw for the same seed. */
class EntityDropoutTest {

    @Test
    void dropsAboutTheFractionOfRealEntitiesReproducibly() {
        List<List<EntityBatch.Entity>> docs = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            List<EntityBatch.Entity> bag = new ArrayList<>();
            for (int k = 0; k < 1 + d % 5; k++) {
                bag.add(new EntityBatch.Entity(1 + k, 0.5f));
            }
            docs.add(bag);
        }
        EntityBatch batch = EntityBatch.of(docs, 8, 10, DataType.FLOAT);
        double real = batch.mask().sumNumber().doubleValue(); // 200 docs x mean 3 entities = 600

        Nd4j.getRandom().setSeed(7);
        EntityBatch dropped = batch.withDropout(0.3, Nd4j.getRandom());
        Nd4j.getRandom().setSeed(7);
        EntityBatch again = batch.withDropout(0.3, Nd4j.getRandom());

        assertThat(real).isEqualTo(600);
        double kept = dropped.mask().sumNumber().doubleValue();
        // binomial(600, 0.7): mean 420, std 11.2; 5 std either side
        assertThat(kept).isBetween(364.0, 476.0);
        assertThat(again.mask()).isEqualTo(dropped.mask());
        // a padded slot never becomes real, and ids and commonness are untouched
        assertThat(dropped.mask().sub(batch.mask()).maxNumber().doubleValue()).isLessThanOrEqualTo(0);
        assertThat(dropped.ids()).isEqualTo(batch.ids());
        assertThat(dropped.commonness()).isEqualTo(batch.commonness());
        assertThat(batch.withDropout(0, Nd4j.getRandom())).isSameAs(batch);
    }
}
