package org.boe4j.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the bag-of-entities term enters the model, beyond the paper's equations (docs/model.md, "Options"). The
 * paper's behaviour is {@link #PAPER}: logits = W (h + z) + b with phi = [cos(h, v), p(e|m)] and every linked entity
 * used in training.
 *
 * @param gateInit      null: no gate (h + z, eqs. (5)-(6) of docs/method.md); a number g0: logits = W (h + g z) + b with g a
 *                      learned scalar that starts at g0 (ours: lets z start small against h and grow only as far as
 *                      the training data supports it)
 * @param commonness    true: phi = [cos(h, v), p(e|m)] (the paper); false: the commonness feature is fed as 0, so
 *                      the attention follows cos(h, v) alone
 * @param entityDropout in training only, each entity of a document's bag is left out with this probability (ours;
 *                      0 in the paper); the remaining ones are attended over or averaged as usual
 */
public record BoeOptions(Double gateInit, boolean commonness, double entityDropout) {

    /** The paper's model: no gate, both attention features, no entity dropout. */
    public static final BoeOptions PAPER = new BoeOptions(null, true, 0.0);

    public BoeOptions {
        if (gateInit != null && !Double.isFinite(gateInit)) {
            throw new IllegalArgumentException("the gate's initial value must be finite, found " + gateInit);
        }
        if (!(entityDropout >= 0 && entityDropout < 1)) {
            throw new IllegalArgumentException("entity dropout must be in [0, 1), found " + entityDropout);
        }
    }

    public boolean gated() {
        return gateInit != null;
    }

    public BoeOptions withGate(Double g0) {
        return new BoeOptions(g0, commonness, entityDropout);
    }

    public BoeOptions withCommonness(boolean on) {
        return new BoeOptions(gateInit, on, entityDropout);
    }

    public BoeOptions withEntityDropout(double p) {
        return new BoeOptions(gateInit, commonness, p);
    }

    /** The options as text, for provenance (every field, always). */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gate", gated() ? "learned, starts at " + gateInit : "none (h + z, eqs. 5-6)");
        m.put("commonness", commonness ? "on" : "off");
        m.put("entityDropout", String.format(Locale.ROOT, "%s", entityDropout));
        return m;
    }
}
