package org.boe4j.model;

import org.boe4j.kb.EntityLinker;
import org.boe4j.text.Encoding;

import java.util.List;

/**
 * One text as the model reads it: its word pieces and its bag of entities, both from the same part of the text.
 *
 * <p>The encoder reads at most {@code maxLength} word pieces ({@code [CLS]} and {@code [SEP]} included); a longer
 * text is cut, and the bag of entities then holds only the mentions that end inside the part the encoder read
 * ({@link #windowEnd()}). Why the window and not the whole text: h and z describe the same words, in training and
 * in prediction alike (both featurize through {@link Featurizer}), and what the model used is what {@code predict}
 * and {@code explain} can show; a 5 MB text does not bring entities from pages the encoder never saw.
 *
 * @param encoding the word pieces (truncated to the model's maximum length)
 * @param bag      the linked entities inside the window, in mention order
 */
public record LinkedText(Encoding encoding, List<EntityLinker.LinkedEntity> bag) {

    public LinkedText {
        bag = List.copyOf(bag);
    }

    /** Whether the text is longer than the encoder's window (its end is not read). */
    public boolean truncated() {
        return encoding.truncated();
    }

    /** The UTF-16 offset where the part the encoder reads ends: the text's length unless {@link #truncated()}. */
    public int windowEnd() {
        return windowEnd(encoding);
    }

    /** The features the model consumes. */
    public DocumentFeatures features() {
        return Featurizer.features(encoding.ids(), bag);
    }

    /** The end of the last word piece of a truncated encoding, or the text's length. */
    static int windowEnd(Encoding e) {
        if (!e.truncated()) {
            return e.text().length();
        }
        int end = 0;
        for (int i = 0; i < e.length(); i++) {
            if (!e.isSpecial(i)) {
                end = Math.max(end, e.end(i));
            }
        }
        return end;
    }
}
