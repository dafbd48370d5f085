package org.boe4j.bert.convert;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.HiddenAct;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfToHfNamesTest {

    @Test
    void mapsGoogleNamesToHuggingFaceNames() {
        assertThat(TfToHfNames.map("module/bert/encoder/layer_0/attention/self/query/kernel"))
                .isEqualTo(new TfToHfNames.Target("bert.encoder.layer.0.attention.self.query.weight", true));
        assertThat(TfToHfNames.map("module/bert/encoder/layer_11/output/LayerNorm/gamma"))
                .isEqualTo(new TfToHfNames.Target("bert.encoder.layer.11.output.LayerNorm.weight", false));
        assertThat(TfToHfNames.map("bert/embeddings/LayerNorm/beta"))
                .isEqualTo(new TfToHfNames.Target("bert.embeddings.LayerNorm.bias", false));
        assertThat(TfToHfNames.map("module/bert/embeddings/word_embeddings"))
                .isEqualTo(new TfToHfNames.Target("bert.embeddings.word_embeddings.weight", false));
        assertThat(TfToHfNames.map("module/bert/pooler/dense/kernel"))
                .isEqualTo(new TfToHfNames.Target("bert.pooler.dense.weight", true));
        assertThat(TfToHfNames.map("module/cls/predictions/output_bias"))
                .isEqualTo(new TfToHfNames.Target("cls.predictions.bias", false));
        assertThat(TfToHfNames.map("module/cls/predictions/transform/dense/kernel"))
                .isEqualTo(new TfToHfNames.Target("cls.predictions.transform.dense.weight", true));
        assertThat(TfToHfNames.map("cls/seq_relationship/output_weights"))
                .isEqualTo(new TfToHfNames.Target("cls.seq_relationship.weight", false));
    }

    @Test
    void rejectsNamesOutsideTheBertGrammar() {
        assertThatThrownBy(() -> TfToHfNames.map("global_step")).hasMessageContaining("unknown tensor 'global_step'");
        assertThatThrownBy(() -> TfToHfNames.map("bert/encoder/layer_0/attention/self/query/kernel/adam_m"))
                .hasMessageContaining("unexpected leaf 'adam_m'");
        assertThatThrownBy(() -> TfToHfNames.map("bert/encoder/layer_0/output/dense/gamma"))
                .hasMessageContaining("gamma/beta belong to a LayerNorm");
    }

    @Test
    void everyTinyCheckpointTensorMapsToAnExpectedNameAndShape() {
        BertConfig c = BertConfig.tiny(20, HiddenAct.GELU_TANH);
        var expected = TfToHfNames.expectedShapes(c);
        FakeArtifact.tfShapes(c).forEach((tf, shape) -> {
            TfToHfNames.Target t = TfToHfNames.map(tf);
            long[] hf = t.transpose() ? new long[]{shape[1], shape[0]} : shape;
            assertThat(expected).as(tf).containsKey(t.hfName());
            assertThat(expected.get(t.hfName())).as(tf).containsExactly(hf);
        });
    }
}
