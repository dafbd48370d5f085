package org.boe4j.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Which trained models an experiment keeps as model directories ({@code runs/<name>/models/<variant>/seed-<s>/}).
 * A model with a fine-tuned encoder copies the encoder (714 MB for M-BERT); a head on a frozen encoder is a few MB
 * and references the encoder. The default keeps one model per variant.
 */
public enum SaveModels {
    NONE("none"),
    /** The model of the plan's first seed, for each variant (what {@code predict} and {@code explain} need). */
    FIRST_SEED("first-seed"),
    ALL("all");

    private final String cliName;

    SaveModels(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean saves(long seed, List<Long> seeds) {
        return this == ALL || (this == FIRST_SEED && seed == seeds.get(0));
    }

    public static SaveModels fromCliName(String name) {
        return Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown --save-models \"" + name + "\": expected one"
                        + " of " + Arrays.stream(values()).map(SaveModels::cliName).toList()));
    }
}
