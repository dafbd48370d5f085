package org.boe4j.nn;

import org.boe4j.bert.fused.FreeOnRelease;
import org.boe4j.io.Verbosity;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outputs and gradients of a SameDiff graph in one execution, as {@link SameDiff#calculateGradientsAndOutputs}
 * computes them, but with the session's array release switched on.
 *
 * <p>Why: in 1.0.0-M2.1, {@code calculateGradientsAndOutputs} runs the gradient function with
 * {@code setEnableCache(false)}, and its session then releases no array while it runs: every forward activation
 * and every intermediate gradient of the whole backward pass stays referenced until the call returns, and is
 * freed only later by the garbage collector. For a full M-BERT fine-tuning step at 8 x 128 that roughly doubles the
 * peak memory (docs/training.md, "Memory of full fine-tuning"). With release on, the session frees each array as
 * soon as the last op that reads it has run, which is what its dependency tracker is for. The gradient function is
 * the same graph either way; the gradients are bit-identical to the stock call (BackpropTest) and pass the
 * finite-difference checks.
 *
 * <p>Released arrays are freed at once ({@link FreeOnRelease}) rather than kept in the session's default array
 * cache, which may hold 25% of JavaCPP's {@code maxbytes} (3.5 GB under the launcher's 14 GB) for reuse: without
 * the cache a fine-tuning step peaks about 1 GB lower at the same speed (docs/training.md).
 *
 * <p>The gradient function is executed as an inference-phase call: no op of these graphs depends on the phase
 * (dropout is a placeholder mask, see {@link Dropout}; there is no batch normalisation).
 */
public final class Backprop {

    /** SameDiff's name for the gradient function ({@code SameDiff.GRAD_FN_KEY}, protected). */
    static final String GRAD_FUNCTION = "grad";
    /** How each line SameDiff 1.0.0-M2.1 prints while differentiating starts (SameDiff.createGradFunction). */
    static final String GRADIENT_NOTICE = "Added differentiated op ";

    private Backprop() {
    }

    /**
     * @param outputs names of graph values wanted with the gradients (e.g. the loss); may be empty
     * @param wrt     variables whose gradients are wanted; one without a gradient (not on the loss path) is left out
     *                of the result, as SameDiff does
     */
    public static OutAndGrad outputsAndGradients(SameDiff sd, Map<String, INDArray> feed, Collection<String> outputs,
                                                 Collection<String> wrt) {
        if (!sd.hasGradientFunction()) {
            // SameDiff prints one "Added differentiated op <name>" line per op to System.out while it builds the
            // gradient function (519 lines for a fine-tuned M-BERT): noise on a user's terminal, kept for --verbose
            Verbosity.withoutStdoutLines(GRADIENT_NOTICE, sd::createGradFunction);
        }
        List<String> fetch = new ArrayList<>(outputs);
        Map<String, String> gradientNames = new LinkedHashMap<>();
        for (String name : wrt) {
            SDVariable v = sd.getVariable(name);
            if (v == null) {
                throw new IllegalArgumentException("no variable named " + name + " in the graph");
            }
            SDVariable g = v.getGradient();
            if (g != null) {
                gradientNames.put(name, g.name());
                fetch.add(g.name());
            }
        }
        SameDiff gradFn = sd.getFunction(GRAD_FUNCTION);
        gradFn.setEnableCache(true);
        freeOnRelease(gradFn);
        gradFn.setListeners(sd.getListeners());
        Map<String, INDArray> values = gradFn.output(feed, fetch.toArray(String[]::new));
        Map<String, INDArray> out = new LinkedHashMap<>();
        outputs.forEach(name -> out.put(name, values.get(name)));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        gradientNames.forEach((name, g) -> grads.put(name, values.get(g)));
        return new OutAndGrad(out, grads);
    }

    /** Makes the calling thread's session of {@code gradFn} free released arrays immediately. */
    private static void freeOnRelease(SameDiff gradFn) {
        InferenceSession session = gradFn.getSessions().computeIfAbsent(Thread.currentThread().getId(),
                id -> SameDiff.getInferenceFactory().create(gradFn));
        if (!(session.getMmgr() instanceof FreeOnRelease)) {   // a session not made by JavaKernelSession's factory
            session.getMmgr().close();
            session.setMmgr(new FreeOnRelease());
        }
    }

    /** Gradients only. */
    public static Map<String, INDArray> gradients(SameDiff sd, Map<String, INDArray> feed, Collection<String> wrt) {
        return outputsAndGradients(sd, feed, List.of(), wrt).getGradients();
    }
}
