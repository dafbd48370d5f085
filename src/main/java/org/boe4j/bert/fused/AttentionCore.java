package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

import java.util.List;

/**
 * The attention core as one node: scores, mask, softmax, dropout and the product with V, per sequence and head,
 * written straight into the [P, D] context rows. Legend: B batch, T positions, N heads, H head size, D = N·H,
 * P = B·T rows; for tile (b, n), X_t is the [T, H] block of X's rows b·T.. and columns n·H.. (see
 * {@link AttentionTiles}).
 * <pre>
 *   S_t = alpha · Q_t·K_tᵀ + a_b          alpha = 1/sqrt(H), a_b = (1 − mask_b)·(−10000) [T] over the keys   [T, T]
 *   P_t = softmax(S_t) along the keys;  P̃_t = M_t ∘ P_t  (dropout mask M, 1 at inference)
 *   C_t = P̃_t · V_t                                                                                        [T, H]
 * backward (G = dL/dC):
 *   dV_t = P̃_tᵀ·G_t;  dP̃_t = G_t·V_tᵀ;  dS_t = P_t ∘ (M_t∘dP̃_t − rowsum(P_t ∘ M_t∘dP̃_t))
 *   dQ_t = alpha · dS_t·K_t;  dK_t = alpha · dS_tᵀ·Q_t
 * </pre>
 * Same function as bert/BertSelfAttention's op-by-op graph (scale on Q there: for H = 64 the same scores bit for
 * bit; here it is the GEMM's alpha). Inputs: Q, K, V [P, D] (biases added), a [B, T], the probabilities' dropout
 * mask (scalar 1 or [B, N, T, T]); integer argument N, float argument alpha. The backward pass recomputes P_t
 * rather than keeping [B, N, T, T] probabilities alive between the passes.
 */
public final class AttentionCore extends JavaKernelOp {

    public AttentionCore() {
    }

    private AttentionCore(SameDiff sd, SDVariable q, SDVariable k, SDVariable v, SDVariable maskAdd,
                          SDVariable dropMask, int heads, double alpha) {
        super(sd, q, k, v, maskAdd, dropMask);
        addIArgument(heads);
        addTArgument(alpha);
    }

    /** The context rows [P, D], named {@code name}. */
    public static SDVariable apply(SameDiff sd, String name, SDVariable q, SDVariable k, SDVariable v,
                                   SDVariable maskAdd, SDVariable dropMask, int heads, double alpha) {
        return new AttentionCore(sd, q, k, v, maskAdd, dropMask, heads, alpha).outputVariables()[0].rename(name);
    }

    @Override
    public String opName() {
        return "boe4j_attention_core";
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
        return Shapes.like(oc, 0);
    }

    @Override
    public void execute(OpContext oc) {
        AttentionTiles a = new AttentionTiles(in(oc, 0), in(oc, 1), in(oc, 2), in(oc, 3), in(oc, 4),
                intArg(this, 0), floatArg(this, 0));
        INDArray context = oc.getOutputArray(0);
        a.forEachTile((t, part) -> {
            a.probabilities(t, part);
            long p = a.dropped(t, part, 0);                                          // in place: P not needed again
            long blk = a.block(t);
            Gemm.gemm(false, false, a.length, a.headSize, a.length, 1, a.scratch(), p, a.length,
                    a.v, blk, a.hidden, 0, context, blk, a.hidden);                  // C_t = P̃_t·V_t
        });
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> grads) {
        SDVariable[] in = args();
        return List.of(new Grad(sameDiff, in, grads.get(0), intArg(this, 0), floatArg(this, 0)).outputVariables());
    }

    /** (Q, K, V, a, M, G) → (dQ, dK, dV); a and M (placeholders) get no gradient. */
    public static final class Grad extends JavaKernelOp {

        public Grad() {
        }

        Grad(SameDiff sd, SDVariable[] forwardInputs, SDVariable g, int heads, double alpha) {
            super(sd, forwardInputs[0], forwardInputs[1], forwardInputs[2], forwardInputs[3], forwardInputs[4], g);
            addIArgument(heads);
            addTArgument(alpha);
        }

        @Override
        public String opName() {
            return "boe4j_attention_core_bp";
        }

        @Override
        public int getNumOutputs() {
            return 3;
        }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext oc) {
            return Shapes.like(oc, 0, 1, 2);
        }

        @Override
        public void execute(OpContext oc) {
            AttentionTiles a = new AttentionTiles(in(oc, 0), in(oc, 1), in(oc, 2), in(oc, 3), in(oc, 4),
                    intArg(this, 0), floatArg(this, 0));
            INDArray g = in(oc, 5);
            INDArray dq = oc.getOutputArray(0);
            INDArray dk = oc.getOutputArray(1);
            INDArray dv = oc.getOutputArray(2);
            int t0 = a.length;
            int h = a.headSize;
            int d = a.hidden;
            a.forEachTile((t, part) -> {
                a.probabilities(t, part);                                             // tile 0: P_t
                long p = a.dropped(t, part, 1);                                       // tile 1 (or 0): P̃_t
                long blk = a.block(t);
                long gs = a.scratchTile(part, 2);
                Gemm.gemm(true, false, t0, h, t0, 1, a.scratch(), p, t0, g, blk, d, 0, dv, blk, d);      // dV = P̃ᵀG
                Gemm.gemm(false, true, t0, t0, h, 1, g, blk, d, a.v, blk, d, 0, a.scratch(), gs, t0);  // dP̃ = G·Vᵀ
                a.softmaxBackward(t, part);                                           // tile 2: dS_t
                Gemm.gemm(false, false, t0, h, t0, a.alpha, a.scratch(), gs, t0, a.k, blk, d, 0, dq, blk, d);
                Gemm.gemm(true, false, t0, h, t0, a.alpha, a.scratch(), gs, t0, a.q, blk, d, 0, dk, blk, d);
            });
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> grads) {
            throw new UnsupportedOperationException("no second derivative of the fused attention core");
        }
    }
}
