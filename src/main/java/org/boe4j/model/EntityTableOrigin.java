package org.boe4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the initial entity table came from, kept with a trained model so that {@code explain} can say, per entity,
 * what its vector started as.
 *
 * @param description the initialisation as the experiment's provenance names it (e.g. "name, rescaled to |v| = 0.55")
 * @param rowOrigins  one short label per table row, row 0 (padding) included: "name", "wikipedia2vec",
 *                    "random (not in the file)", ...
 */
public record EntityTableOrigin(String description, List<String> rowOrigins) {

    public EntityTableOrigin {
        rowOrigins = List.copyOf(rowOrigins);
    }

    /** Every row from one source. */
    public static EntityTableOrigin uniform(String description, String origin, int rows) {
        List<String> o = new ArrayList<>(Collections.nCopies(rows, origin));
        if (rows > 0) {
            o.set(0, "padding");
        }
        return new EntityTableOrigin(description, o);
    }
}
