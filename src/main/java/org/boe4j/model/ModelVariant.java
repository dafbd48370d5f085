package org.boe4j.model;

import java.util.Arrays;

/** The models compared in the paper (docs/method.md, "The paper's results"). */
public enum ModelVariant {
    /** M-BERT alone: the classifier sees h. */
    BASELINE("baseline", false, false),
    /** M-BERT + bag of entities: attention over [cos(h, v_e), p(e|m)], vectors initialised from the KB's vectors. */
    BOE("boe", true, true),
    /** Ablation -emb: as BOE, entity vectors initialised at random. */
    BOE_EMB("boe-emb", true, true),
    /** Ablation -att: no attention; z is the plain mean of the document's entity vectors (ours, docs/method.md §5). */
    BOE_ATT("boe-att", true, false);

    private final String cliName;
    private final boolean usesEntities;
    private final boolean usesAttention;

    ModelVariant(String cliName, boolean usesEntities, boolean usesAttention) {
        this.cliName = cliName;
        this.usesEntities = usesEntities;
        this.usesAttention = usesAttention;
    }

    public String cliName() {
        return cliName;
    }

    public boolean usesEntities() {
        return usesEntities;
    }

    public boolean usesAttention() {
        return usesAttention;
    }

    /** True when the entity table starts from random vectors rather than the KB's. */
    public boolean randomEntityInit() {
        return this == BOE_EMB;
    }

    public static ModelVariant fromCliName(String name) {
        return Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown variant \"" + name + "\": expected one of "
                        + Arrays.stream(values()).map(ModelVariant::cliName).toList()));
    }
}
