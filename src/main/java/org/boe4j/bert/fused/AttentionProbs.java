package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * The attention scores and probabilities [B, N, T, T] of a fused layer, for audits only: the fused
 * {@link AttentionCore} never materialises them, so the encoder adds this side node under the plain graph's names
 * ({@code encoder.layer.L.attention.self.scores} / {@code .probs}); SameDiff executes it only when one of them is
 * fetched. Same equations as the core's first two lines (probabilities before dropout, as in the plain graph):
 * <pre>
 *   scores_t = alpha·Q_t·K_tᵀ + a_b;   probs_t = softmax(scores_t) along the keys
 * </pre>
 * Not differentiable (it is not on any loss path).
 */
public final class AttentionProbs extends JavaKernelOp {

    public AttentionProbs() {
    }

    private AttentionProbs(SameDiff sd, SDVariable q, SDVariable k, SDVariable maskAdd, int heads, double alpha) {
        super(sd, q, k, maskAdd);
        addIArgument(heads);
        addTArgument(alpha);
    }

    /** {scores, probs}, named {@code scoresName} and {@code probsName}. */
    public static SDVariable[] apply(SameDiff sd, String scoresName, String probsName, SDVariable q, SDVariable k,
                                     SDVariable maskAdd, int heads, double alpha) {
        SDVariable[] out = new AttentionProbs(sd, q, k, maskAdd, heads, alpha).outputVariables();
        return new SDVariable[]{out[0].rename(scoresName), out[1].rename(probsName)};
    }

    @Override
    public String opName() {
        return "boe4j_attention_probs";
    }

    @Override
    public int getNumOutputs() {
        return 2;
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
        INDArray q = oc.getInputArray(0);
        INDArray mask = oc.getInputArray(2);
        long b = mask.size(0);
        long t = mask.size(1);
        LongShapeDescriptor s = Shapes.of(q, b, intArg(this, 0), t, t);
        return List.of(s, s);
    }

    @Override
    public void execute(OpContext oc) {
        INDArray maskAdd = in(oc, 2);
        AttentionTiles a = new AttentionTiles(in(oc, 0), in(oc, 1), in(oc, 1), maskAdd, null, intArg(this, 0),
                floatArg(this, 0));
        INDArray scores = oc.getOutputArray(0);
        INDArray probs = oc.getOutputArray(1);
        long tt = (long) a.length * a.length;
        a.forEachTile((t, part) -> {
            long blk = a.block(t);
            long s = a.scratchTile(part, 0);
            // scores: the same product plus the key mask, broadcast over the query rows
            Gemm.gemm(false, true, a.length, a.length, a.headSize, a.alpha, a.q, blk, a.hidden, a.k, blk, a.hidden,
                    0, scores, t * tt, a.length);
            INDArray tile = scores.reshape(-1).get(NDArrayIndex.interval(t * tt, (t + 1) * tt))
                    .reshape(a.length, a.length);
            INDArray maskRow = maskAdd.getRow(t / a.heads).reshape(1, a.length);
            tile.addiRowVector(maskRow);
            a.probabilities(t, part);
            INDArray p = a.scratch().reshape(-1).get(NDArrayIndex.interval(s, s + tt));
            probs.reshape(-1).get(NDArrayIndex.interval(t * tt, (t + 1) * tt)).assign(p);
        });
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        throw new UnsupportedOperationException("attention probabilities for audits are not differentiable");
    }
}
