package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The head's one parameter list: the shapes written out by hand per variant and option (docs/model.md, "Trained-model
 * directory"), the graph creating exactly them, and a variable created without being listed refused.
 */
class HeadParametersTest {

    private static final List<String> LABELS = List.of("a", "b", "c");

    private static BoeModel.HeadConfig head(ModelVariant variant, BoeOptions options) {
        return new BoeModel.HeadConfig(variant, TaskType.SINGLE_LABEL, LABELS, 4, options);
    }

    private static Map<String, List<Long>> asLists(Map<String, long[]> shapes) {
        Map<String, List<Long>> m = new LinkedHashMap<>();
        shapes.forEach((k, v) -> m.put(k, Arrays.stream(v).boxed().toList()));
        return m;
    }

    @Test
    void theShapesOfEachVariantAreTheDocumentedOnesInFileOrder() {
        BoeOptions gated = new BoeOptions(0.1, true, 0);
        assertThat(asLists(HeadParameters.expectedShapes(head(ModelVariant.BOE, gated), 8, 5))).containsExactly(
                Map.entry("boe.entity_embeddings.weight", List.of(5L, 8L)),
                Map.entry("boe.attention.weight", List.of(2L)),
                Map.entry("boe.gate", List.of(1L)),
                Map.entry("classifier.weight", List.of(3L, 8L)),
                Map.entry("classifier.bias", List.of(3L)));
        assertThat(HeadParameters.expectedShapes(head(ModelVariant.BOE_EMB, BoeOptions.PAPER), 8, 5).keySet())
                .containsExactly("boe.entity_embeddings.weight", "boe.attention.weight", "classifier.weight",
                        "classifier.bias");
        assertThat(HeadParameters.expectedShapes(head(ModelVariant.BOE_ATT, BoeOptions.PAPER), 8, 5).keySet())
                .containsExactly("boe.entity_embeddings.weight", "classifier.weight", "classifier.bias");
        assertThat(HeadParameters.expectedShapes(head(ModelVariant.BASELINE, gated), 8, 0).keySet())
                .containsExactly("classifier.weight", "classifier.bias");
    }

    @Test
    void theGraphCreatesExactlyTheListedParametersAndTrainsThem() {
        for (ModelVariant variant : ModelVariant.values()) {
            for (BoeOptions options : List.of(BoeOptions.PAPER, new BoeOptions(0.1, true, 0))) {
                BoeModel.HeadConfig head = head(variant, options);
                BoeModel m = BoeModel.onFeatures(TinyModels.CONFIG, head, variant.usesEntities()
                        ? Nd4j.rand(DataType.FLOAT, 5, TinyModels.CONFIG.hiddenSize()) : null, DataType.FLOAT);
                Map<String, long[]> expected = HeadParameters.expectedShapes(head, TinyModels.CONFIG.hiddenSize(), 5);
                assertThat(m.trainableNames()).as(variant + " " + options).containsExactlyElementsOf(expected.keySet());
                for (Map.Entry<String, long[]> e : expected.entrySet()) {
                    assertThat(m.parameters().get(e.getKey()).shape()).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
    }

    @Test
    void aHeadVariableMissingFromTheListOrMisShapedIsAnErrorNamingIt() {
        SameDiff sd = SameDiff.create();
        sd.var(ClassifierHead.WEIGHT, Nd4j.zeros(DataType.FLOAT, 3, 8));
        sd.var(ClassifierHead.BIAS, Nd4j.zeros(DataType.FLOAT, 3));
        sd.var("encoder.x", Nd4j.zeros(DataType.FLOAT, 2));
        Map<String, long[]> shapes = HeadParameters.expectedShapes(head(ModelVariant.BASELINE, BoeOptions.PAPER), 8, 0);
        HeadParameters.checkCreated(sd, shapes, Set.of("encoder.x"));

        sd.var("boe.new_weight", Nd4j.zeros(DataType.FLOAT, 4));
        assertThatThrownBy(() -> HeadParameters.checkCreated(sd, shapes, Set.of("encoder.x")))
                .hasMessageContaining("[boe.new_weight] are not in HeadParameters.expectedShapes");
        assertThatThrownBy(() -> HeadParameters.checkCreated(sd, HeadParameters.expectedShapes(
                head(ModelVariant.BASELINE, BoeOptions.PAPER), 9, 0), Set.of("encoder.x", "boe.new_weight")))
                .hasMessageContaining("'classifier.weight' was created with shape [3, 8], expected [3, 9]");
    }
}
