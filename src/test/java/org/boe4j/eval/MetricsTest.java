package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.boe4j.data.Example;
import org.boe4j.data.SourceLocation;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void confusionMatrixAccuracyAndMacroF1ByHand() {
        // gold a a a b b c, predicted a b a b c c
        // counts (gold, pred): (a,a)=2 (a,b)=1 (b,b)=1 (b,c)=1 (c,c)=1 -> accuracy 4/6
        // a: P = 2/2, R = 2/3, F1 = 0.8; b: P = 1/2, R = 1/2, F1 = 0.5; c: P = 1/2, R = 1/1, F1 = 2/3
        // macro-F1 = (0.8 + 0.5 + 0.6667) / 3 = 0.655556 (label d never occurs: not averaged)
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c", "d"),
                List.of("a", "a", "a", "b", "b", "c"), List.of("a", "b", "a", "b", "c", "c"));
        assertThat(m.count("a", "b")).isEqualTo(1);
        assertThat(m.count("a", "a")).isEqualTo(2);
        assertThat(m.total()).isEqualTo(6);
        assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(m.f1("a")).isCloseTo(0.8, within(1e-15));
        assertThat(m.f1("b")).isCloseTo(0.5, within(1e-15));
        assertThat(m.f1("c")).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(m.f1("d")).isZero();
        assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-15));
        ConfusionMatrix twice = new ConfusionMatrix(m.labels());
        twice.addAll(m);
        twice.addAll(m);
        assertThat(twice.count("b", "c")).isEqualTo(2);
        assertThat(twice.accuracy()).isCloseTo(m.accuracy(), within(1e-15));
    }

    @Test
    void microF1ByHand() {
        // doc1 gold {x,y} pred {x}: tp 1, fn 1 (y); doc2 gold {z} pred {z,y}: tp 1, fp 1 (y);
        // doc3 gold {x} pred {}: fn 1. tp = 2, fp = 1, fn = 2: P = 2/3, R = 2/4, F1 = 4 / (4 + 1 + 2) = 4/7
        MultiLabelCounts c = MultiLabelCounts.of(List.of(Set.of("x", "y"), Set.of("z"), Set.of("x")),
                List.of(Set.of("x"), Set.of("z", "y"), Set.of()));
        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.falsePositives()).isEqualTo(1);
        assertThat(c.falseNegatives()).isEqualTo(2);
        assertThat(c.microPrecision()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.microRecall()).isCloseTo(0.5, within(1e-15));
        assertThat(c.microF1()).isCloseTo(4.0 / 7, within(1e-15));
    }

    @Test
    void sampleStandardDeviation() {
        // 0.90, 0.92, 0.94: mean 0.92, Σ(x - mean)² = 0.0008, s = √(0.0008 / 2) = 0.02 (not √(0.0008/3))
        SeedSummary s = SeedSummary.of(List.of(0.90, 0.92, 0.94));
        assertThat(s.mean()).isCloseTo(0.92, within(1e-15));
        assertThat(s.std()).isCloseTo(0.02, within(1e-15));
        assertThat(SeedSummary.of(List.of(0.5)).std()).isNaN();
    }

    @Test
    void perLanguageGrouping() {
        List<Example> ex = List.of(ex("1", "en", "a"), ex("2", "fr", "a"), ex("3", "en", "b"), ex("4", "fr", "b"));
        Map<String, ConfusionMatrix> byLang = ScoresByLanguage.singleLabel(ex, List.of("a", "b", "b", "b"), List.of("a", "b"));
        assertThat(byLang.keySet()).containsExactly("en", "fr");
        assertThat(byLang.get("en").accuracy()).isEqualTo(1.0);
        assertThat(byLang.get("fr").accuracy()).isEqualTo(0.5);
        Map<String, MultiLabelCounts> multi = ScoresByLanguage.multiLabel(ex,
                List.of(Set.of("a"), Set.of(), Set.of("b", "a"), Set.of("b")));
        assertThat(multi.get("en").microF1()).isCloseTo(2.0 * 2 / (2 * 2 + 1), within(1e-15));
        assertThat(multi.get("fr").microF1()).isCloseTo(2.0 / (2 + 1), within(1e-15));
    }

    private static Example ex(String id, String lang, String label) {
        return new Example(id, lang, "t", List.of(label), new SourceLocation("f", 1));
    }
}
