package org.boe4j.data;

import java.util.List;
import java.util.Objects;

/**
 * One labelled document: an id unique within its dataset, the language code of its text, the text itself
 * (exactly as read: never trimmed or normalised), its labels (one for single-label tasks, any number for
 * multi-label ones) and where it was read from.
 */
public record Example(String id, String language, String text, List<String> labels, SourceLocation source) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        labels = List.copyOf(labels);
        Objects.requireNonNull(source, "source");
    }

    /** The single label of a single-label example; fails for multi-label examples with 0 or 2+ labels. */
    public String label() {
        if (labels.size() != 1) {
            throw new IllegalStateException(source + ": example " + id + " has " + labels.size()
                    + " labels " + labels + ", expected exactly one");
        }
        return labels.get(0);
    }
}
