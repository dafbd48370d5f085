package org.boe4j.model;

import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityLinker;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.BertTokenizer;
import org.boe4j.text.Encoding;
import org.boe4j.text.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text in some language -> {@link DocumentFeatures}: word pieces from the tokenizer, and the bag of entities from the
 * KB (mentions found in the text's own language, candidates mapped to English entities through the inter-language
 * links, rows looked up in the entity index; docs/method.md §2-3), from the part of the text the encoder reads
 * ({@link LinkedText}). Without a KB every bag is empty. Training and prediction both featurize here.
 */
public final class Featurizer {

    /** BERT's special tokens ({@link Vocabulary#SPECIAL}) written in a text ({@link #withoutSpecialTokens}). */
    private static final Pattern SPECIAL_TOKEN = Pattern.compile(Vocabulary.SPECIAL.stream().map(Pattern::quote)
            .collect(Collectors.joining("|")));

    private final BertTokenizer tokenizer;
    private final KnowledgeBase kb;
    private final EntityIndex index;
    private final Map<String, EntityLinker> linkers = new HashMap<>();

    public Featurizer(BertTokenizer tokenizer, KnowledgeBase kb, EntityIndex index) {
        this.tokenizer = tokenizer;
        this.kb = kb;
        this.index = index;
    }

    public EntityIndex index() {
        return index;
    }

    public KnowledgeBase kb() {
        return kb;
    }

    /** @param language the KB language code of the texts (en, fr, ja, ...) */
    public List<DocumentFeatures> featurize(List<String> texts, String language) {
        return link(texts, language).stream().map(LinkedText::features).toList();
    }

    /**
     * Each text's word pieces and bag of entities: the mentions the linker finds (mention order, UTF-16 offsets)
     * that end inside the part of the text the encoder reads ({@link LinkedText}); empty bags without a KB.
     */
    public List<LinkedText> link(List<String> texts, String language) {
        EntityLinker linker = kb == null ? null : linker(language);
        List<LinkedText> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            Encoding encoding = tokenizer.encode(text);
            out.add(new LinkedText(encoding, linker == null ? List.of()
                    : inWindow(linker.link(withoutSpecialTokens(text)), encoding)));
        }
        return out;
    }

    /**
     * {@code text} with BERT's special tokens written in it ({@code [SEP]} of a typing document "mention [SEP]
     * sentence", {@code [CLS]}, {@code [MASK]}, {@code [PAD]}, {@code [UNK]}) blanked to spaces of the same length.
     * Why: the tokenizer reads them as those tokens, not as words, so the linker must not either; the dictionary
     * KB has entries for "sep" (September, ...) that otherwise enter every typing document's bag. Offsets stay
     * those of the text.
     */
    static String withoutSpecialTokens(String text) {
        if (text.indexOf('[') < 0) {
            return text;
        }
        Matcher m = SPECIAL_TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                sb.setCharAt(i, ' ');
            }
        }
        return sb.toString();
    }

    /** The entities whose mention ends inside the encoded part of the text (all of them unless it is truncated). */
    static List<EntityLinker.LinkedEntity> inWindow(List<EntityLinker.LinkedEntity> linked, Encoding encoding) {
        if (!encoding.truncated()) {
            return linked;
        }
        int end = LinkedText.windowEnd(encoding);
        return linked.stream().filter(e -> e.end() <= end).toList();
    }

    /** One document from its word-piece ids and its linked entities (the bag keeps the linker's order). */
    public static DocumentFeatures features(int[] tokenIds, List<EntityLinker.LinkedEntity> linked) {
        List<EntityBatch.Entity> entities = new ArrayList<>(linked.size());
        for (EntityLinker.LinkedEntity e : linked) {
            entities.add(new EntityBatch.Entity(e.id(), e.commonness()));
        }
        return new DocumentFeatures(tokenIds, entities);
    }

    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** The linker of a language; a language the KB does not cover is an error, not an empty bag. */
    public synchronized EntityLinker linker(String language) {
        return linkers.computeIfAbsent(language, lang -> {
            if (!kb.hasLanguage(lang)) {
                throw new IllegalArgumentException("the knowledge base has no dictionary for language \"" + lang
                        + "\" (it has " + kb.languages() + ")");
            }
            return new EntityLinker(kb, lang, index, false);
        });
    }
}
