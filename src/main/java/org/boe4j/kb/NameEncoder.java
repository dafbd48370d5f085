package org.boe4j.kb;

import java.util.List;

/**
 * Turns entity names into vectors; the third way to initialise entity vectors (docs/method.md §4, ours): the encoder's
 * mean-pooled encoding of each entity's English name, for when no Wikipedia2Vec file exists. The BERT
 * encoder implements it in a higher package; kb only depends on this interface.
 */
@FunctionalInterface
public interface NameEncoder {

    /** One vector per name, all of the same dimension, in the order of {@code names}. */
    float[][] encode(List<String> names);
}
