package org.boe4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gradient of one optimizer step, summed over its micro-batches without a persistent gradient buffer:
 * the first array a micro-batch gives for a parameter is adopted as the sum (no copy), later ones are added into
 * it and freed at once, and {@link #close()} frees the sums after the optimizer has used them.
 *
 * <p>Why: a zero-filled buffer per parameter, kept for the whole run, costs one more model-sized array (0.71 GB
 * for M-BERT) on top of the gradients the backward pass returns anyway, against a peak-RSS budget of 8 GB for a full
 * fine-tuning step at 8 x 128 (docs/training.md). The sums are the same numbers: the first addition into a zero buffer,
 * 0 + g, is g exactly.
 */
public final class GradientSums implements AutoCloseable {

    private final Set<String> names;
    private final Map<String, INDArray> sums = new LinkedHashMap<>();
    private final Set<INDArray> adopted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** {@code names}: the parameters being trained in this run (frozen ones left out). */
    public GradientSums(Collection<String> names) {
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** The parameters whose gradients are wanted; a model computes gradients for these names only. */
    public Set<String> names() {
        return names;
    }

    /**
     * Adds one micro-batch's gradient for {@code name}. The array is taken over: the caller must not use or free it
     * afterwards (an array already adopted under another name is copied instead).
     */
    public void add(String name, INDArray gradient) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("gradient for " + name + ", which is not trained in this run");
        }
        INDArray sum = sums.get(name);
        if (sum == null) {
            sums.put(name, adopted.add(gradient) ? gradient : gradient.dup());
            return;
        }
        sum.addi(gradient);
        if (!adopted.contains(gradient) && gradient.closeable()) {
            gradient.close();
        }
    }

    /** Adds every entry of one micro-batch's gradients, see {@link #add}. */
    public void addAll(Map<String, INDArray> gradients) {
        gradients.forEach(this::add);
    }

    /** Multiplies every sum by {@code factor} in place (the mean over micro-batches). */
    public void scale(double factor) {
        sums.values().forEach(s -> s.muli(factor));
    }

    /** The sums by name, for the optimizer; every trained parameter must have received a gradient. */
    public Map<String, INDArray> sums() {
        if (sums.size() != names.size()) {
            List<String> missing = new ArrayList<>(names);
            missing.removeAll(sums.keySet());
            throw new IllegalStateException("no gradient was added for " + missing.size() + " trained parameter(s): "
                    + missing.subList(0, Math.min(5, missing.size())) + (missing.size() > 5 ? " ..." : ""));
        }
        return Collections.unmodifiableMap(sums);
    }

    /** Frees the sums; the object can then collect the next step's gradients. */
    @Override
    public void close() {
        for (INDArray s : sums.values()) {
            if (s.closeable()) {
                s.close();
            }
        }
        sums.clear();
        adopted.clear();
    }
}
