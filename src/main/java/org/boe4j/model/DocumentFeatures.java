package org.boe4j.model;

import java.util.List;

/**
 * One document as the model consumes it: its word-piece ids ([CLS] ... [SEP], truncated) and its bag of entities
 * (every English candidate of every mention, as entity-table rows with p(e|m)).
 */
public record DocumentFeatures(int[] tokenIds, List<EntityBatch.Entity> entities) {

    public DocumentFeatures {
        tokenIds = tokenIds.clone();
        entities = List.copyOf(entities);
    }

    public int length() {
        return tokenIds.length;
    }
}
