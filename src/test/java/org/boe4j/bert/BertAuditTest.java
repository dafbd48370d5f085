package org.boe4j.bert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BertAuditTest {

    @Test
    void dumpHoldsEveryLayerUnderItsGoldenFileName(@TempDir Path tmp) throws Exception {
        BertModel model = BertModel.build(BertConfig.tiny(50, HiddenAct.GELU_TANH));
        BertInputs in = BertInputs.of(new int[][]{{1, 7, 9, 2}, {1, 4, 2, 0}}, new int[][]{{1, 1, 1, 1}, {1, 1, 1, 0}}, null);
        Path dir = tmp.resolve("audit");
        BertAudit.write(dir, model, in);
        assertThat(dir.resolve("layer_00_embeddings.npy")).exists();
        assertThat(dir.resolve("layer_02.npy")).exists();
        assertThat(Files.list(tmp).count()).isEqualTo(1); // no temporary left behind
        Map<String, INDArray> read = BertAudit.read(dir);
        BertEncoding out = model.forward(in, true);
        assertThat(read.keySet()).containsExactly("input_ids", "attention_mask", "token_type_ids", "embeddings.output",
                "encoder.layer.0.output", "encoder.layer.1.output", "pooled_output");
        assertThat(read.get("encoder.layer.1.output")).isEqualTo(out.sequenceOutput());
        assertThat(read.get("pooled_output")).isEqualTo(out.pooledOutput());
        assertThat(read.get("input_ids")).isEqualTo(in.inputIds());
        assertThat(Files.readString(dir.resolve("index.json"))).contains("\"format\": \"boe4j-audit\"", "\"version\": 1");
    }
}
