package org.boe4j.model;

/** The two task heads of the method (method.md §6). */
public enum TaskType {
    /** Document classification: softmax over labels, cross-entropy, arg-max prediction. */
    SINGLE_LABEL,
    /** Entity typing: one sigmoid per label, binary cross-entropy, a label is predicted when p >= threshold. */
    MULTI_LABEL
}
