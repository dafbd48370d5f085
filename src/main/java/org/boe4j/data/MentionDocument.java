package org.boe4j.data;

import java.util.Objects;

/**
 * Entity typing of a mention in context, as one text the document model reads: the mention, then {@code [SEP]}, then
 * the whole sentence ({@code "panavision [SEP] robert gottschalk ... founder of panavision"}). BERT's tokenizer keeps
 * {@code [SEP]} as its special token (id 102), so the encoder sees {@code [CLS] mention [SEP] sentence [SEP]}, the
 * layout of BERT's sentence-pair input, with token type 0 throughout (the encoder input of every task here has
 * type ids 0); the [CLS] state then describes the sentence from the mention's point of view, which is what the
 * typing head classifies. The bag of entities is linked over this whole text, so an entity the KB finds for the
 * mention's own words is in the bag twice (once from the mention before [SEP], once from the sentence): docs/data.md.
 *
 * <p>On the command line ({@code predict}, {@code explain}) the mention is marked in the sentence with double
 * brackets, {@code "robert gottschalk ... founder of [[panavision]]"}: exactly one pair, not empty, not nested.
 */
public final class MentionDocument {

    public static final String SEPARATOR = " [SEP] ";
    public static final String OPEN = "[[";
    public static final String CLOSE = "]]";

    /** A mention: UTF-16 span [start, end) of the sentence. */
    public record Marked(String sentence, int start, int end) {
        public Marked {
            Objects.requireNonNull(sentence, "sentence");
            if (start < 0 || end > sentence.length() || start >= end) {
                throw new IllegalArgumentException("mention span " + start + ":" + end + " is not a non-empty span"
                        + " of a sentence of " + sentence.length() + " characters");
            }
        }

        public String mention() {
            return sentence.substring(start, end);
        }

        /** The document text the model reads. */
        public String text() {
            return MentionDocument.text(mention(), sentence);
        }
    }

    private MentionDocument() {
    }

    public static String text(String mention, String sentence) {
        return mention + SEPARATOR + sentence;
    }

    /**
     * A sentence with its mention marked by {@code [[...]]}, e.g. {@code "she met [[angela merkel]] in paris"}.
     *
     * @throws IllegalArgumentException when there is no pair, more than one, an empty one, or an unclosed one
     */
    public static Marked parse(String marked) {
        int open = marked.indexOf(OPEN);
        int close = open < 0 ? -1 : marked.indexOf(CLOSE, open + OPEN.length());
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("no marked mention in \"" + Text.excerpt(marked) + "\": mark it as "
                    + OPEN + "mention" + CLOSE + ", e.g. \"she met [[angela merkel]] in paris\"");
        }
        String inside = marked.substring(open + OPEN.length(), close);
        if (inside.contains(OPEN)) {
            throw new IllegalArgumentException("nested " + OPEN + " in \"" + Text.excerpt(marked)
                    + "\": mark exactly one mention");
        }
        String rest = marked.substring(close + CLOSE.length());
        if (rest.contains(OPEN) || rest.contains(CLOSE) || marked.substring(0, open).contains(CLOSE)) {
            throw new IllegalArgumentException("more than one " + OPEN + "..." + CLOSE + " in \""
                    + Text.excerpt(marked) + "\": mark exactly one mention");
        }
        if (Text.isBlank(inside)) {
            throw new IllegalArgumentException("the marked mention is empty in \"" + Text.excerpt(marked) + "\"");
        }
        String sentence = marked.substring(0, open) + inside + rest;
        return new Marked(sentence, open, open + inside.length());
    }
}
