package org.boe4j.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parameters of the head on top of the encoder (the bag of entities and the classifier), by graph name and
 * shape: what {@link org.boe4j.bert.BertParameters} is for the encoder. {@link BoeModel} creates exactly these
 * variables (checked when the graph is built) and trains them, and {@link TrainedModel} saves and loads exactly these
 * tensors ({@code head.safetensors}), so a new head parameter is added here once.
 *
 * <pre>
 * Legend: D hidden, E entity-table rows, C labels.
 *   boe.entity_embeddings.weight  [E, D]  v_e of eq. (4)               entity variants
 *   boe.attention.weight          [2]     W_a of eq. (3)               boe, boe-emb (not -att)
 *   boe.gate                      [1]     g of the gate option (ours)   --gate only
 *   classifier.weight             [C, D]  W of eqs. (5)-(6)
 *   classifier.bias               [C]     b of eqs. (5)-(6)
 * </pre>
 */
public final class HeadParameters {

    /** W_a has one weight per feature of phi = [cos(h, v_e), p(e|m)], eq. (3). */
    static final int ATTENTION_FEATURES = 2;

    private HeadParameters() {
    }

    /**
     * Every parameter of the head, in the order of {@code head.safetensors}, with its shape.
     *
     * @param entityRows rows of the entity table, row 0 the padding entity (ignored for the baseline)
     */
    public static Map<String, long[]> expectedShapes(BoeModel.HeadConfig head, long hidden, long entityRows) {
        Map<String, long[]> m = new LinkedHashMap<>();
        if (head.variant().usesEntities()) {
            m.put(BoeModel.ENTITY_TABLE, new long[]{entityRows, hidden});
            if (head.variant().usesAttention()) {
                m.put(BoeModel.ATTENTION_WEIGHT, new long[]{ATTENTION_FEATURES});
            }
            if (head.boe().gated()) {
                m.put(BoeModel.GATE, new long[]{1});
            }
        }
        long labels = head.labels().size();
        m.put(ClassifierHead.WEIGHT, new long[]{labels, hidden});
        m.put(ClassifierHead.BIAS, new long[]{labels});
        return m;
    }

    /**
     * Checks that the head's variables in {@code sd} (its trainable variables other than {@code encoderNames}) are
     * exactly {@code expected}, with those shapes: a variable created without being listed here would be neither
     * trained nor saved.
     */
    static void checkCreated(SameDiff sd, Map<String, long[]> expected, Collection<String> encoderNames) {
        TreeSet<String> unlisted = new TreeSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !encoderNames.contains(v.name())
                    && !expected.containsKey(v.name())) {
                unlisted.add(v.name());
            }
        }
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("head variable(s) " + unlisted + " are not in HeadParameters"
                    + ".expectedShapes " + expected.keySet());
        }
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            SDVariable v = sd.getVariable(e.getKey());
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new IllegalStateException("head parameter '" + e.getKey() + "' was not created");
            }
            if (!Arrays.equals(v.getArr().shape(), e.getValue())) {
                throw new IllegalStateException("head parameter '" + e.getKey() + "' was created with shape "
                        + Arrays.toString(v.getArr().shape()) + ", expected " + Arrays.toString(e.getValue()));
            }
        }
    }
}
