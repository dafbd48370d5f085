package org.boe4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SeedsTest {

    @Test
    void splitMix64MatchesJavaSplittableRandom() {
        // SplittableRandom(seed).nextLong() is SplitMix64 with the golden gamma: the same sequence.
        SplittableRandom jdk = new SplittableRandom(123456789L);
        SplitMix64 ours = new SplitMix64(123456789L);
        for (int i = 0; i < 100; i++) {
            assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
        }
    }

    @Test
    void splitMix64StateRestoresExactly() {
        SplitMix64 a = new SplitMix64(7);
        a.nextLong();
        a.nextInt(10);
        SplitMix64 b = new SplitMix64(a.state());
        for (int i = 0; i < 50; i++) {
            assertThat(b.nextInt(1000)).isEqualTo(a.nextInt(1000));
        }
    }

    @Test
    void nextIntIsInRangeAndRoughlyUniform() {
        SplitMix64 r = new SplitMix64(1);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500); // expected 10,000, sd ~93
        }
    }

    @Test
    void derivedSeedsDifferBySourceAndCounterAndAreStable() {
        Seeds s = new Seeds(42);
        assertThat(s.derive("init")).isNotEqualTo(s.derive("shuffle"));
        assertThat(s.derive("shuffle", 0)).isNotEqualTo(s.derive("shuffle", 1));
        assertThat(s.derive("dropout", 1, 0)).isNotEqualTo(s.derive("dropout", 0, 1));
        assertThat(new Seeds(42).derive("init")).isEqualTo(s.derive("init"));
        assertThat(new Seeds(43).derive("init")).isNotEqualTo(s.derive("init"));
    }

    @Test
    void permutationIsAPermutationAndDependsOnEpoch() {
        Seeds s = new Seeds(5);
        int[] p0 = s.permutation(100, 0);
        int[] sorted = p0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(p0).isEqualTo(new Seeds(5).permutation(100, 0));
        assertThat(p0).isNotEqualTo(s.permutation(100, 1));
    }

    /** Measured: rootState + nodeState restore ND4J's native generator exactly, for rand and for dropout ops. */
    @Test
    void nd4jStateCaptureRestoresTheSameStream() {
        Nd4j.getRandom().setSeed(99L);
        Nd4j.rand(DataType.FLOAT, 7);
        Seeds.Nd4jRngState saved = Seeds.Nd4jRngState.capture();
        INDArray a = Nd4j.rand(DataType.FLOAT, 5);
        INDArray da = dropout();
        Nd4j.rand(DataType.FLOAT, 3); // move on
        saved.restore();
        assertThat(Nd4j.rand(DataType.FLOAT, 5)).isEqualTo(a);
        assertThat(dropout()).isEqualTo(da);
    }

    @Test
    void microBatchSeedingGivesTheSameDropoutMaskForTheSameCounters() {
        Seeds s = new Seeds(3);
        s.seedNd4jForMicroBatch(10, 1);
        INDArray a = dropout();
        s.seedNd4jForMicroBatch(10, 2);
        INDArray b = dropout();
        s.seedNd4jForMicroBatch(10, 1);
        assertThat(dropout()).isEqualTo(a);
        assertThat(b).isNotEqualTo(a);
    }

    private static INDArray dropout() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 64);
        return Nd4j.getExecutioner().exec(new DropOutInverted(x, Nd4j.createUninitialized(DataType.FLOAT, 64), 0.5));
    }
}
