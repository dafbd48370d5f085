package org.boe4j.bert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * The result of one encoder pass.
 *
 * @param sequenceOutput final hidden states [B, T, D]
 * @param pooledOutput   pooler output [B, D]
 * @param layers         named intermediate outputs when requested ({@code embeddings.output},
 *                       {@code encoder.layer.L.output}, each [B, T, D], in graph order), otherwise empty
 */
public record BertEncoding(INDArray sequenceOutput, INDArray pooledOutput, Map<String, INDArray> layers) {

    /** The [CLS] hidden state h[:, 0, :], [B, D] (the input of the BoE head). */
    public INDArray cls() {
        return sequenceOutput.get(NDArrayIndex.all(),
                NDArrayIndex.point(0), NDArrayIndex.all());
    }
}
