package org.boe4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {
    @Test
    void counts() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        assertThat(sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * x).reduce(Integer::sum)).isEqualTo(30);
    }
}
