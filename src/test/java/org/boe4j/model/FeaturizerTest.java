package org.boe4j.model;

import org.boe4j.data.MentionDocument;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityLinker;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.text.BertTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The linker reads what the encoder reads: special tokens written in a text are not words. */
class FeaturizerTest {

    @TempDir
    Path dir;

    @Test
    void specialTokensWrittenInTheTextAreBlankedForTheLinkerWithOffsetsKept() {
        String doc = "paris [SEP] she met [[x]] in paris";
        String blanked = Featurizer.withoutSpecialTokens(doc);
        assertThat(blanked).isEqualTo("paris       she met [[x]] in paris").hasSameSizeAs(doc);
        assertThat(Featurizer.withoutSpecialTokens("[CLS] a [MASK] b [PAD][UNK]")).isEqualTo("      a        b           ");
        assertThat(Featurizer.withoutSpecialTokens("no tokens [here]")).isEqualTo("no tokens [here]");
    }

    /**
     * A typing document "mention [SEP] sentence" with a KB that has an entry for "SEP" (the crosswikis dictionary
     * maps it to Somebody Else's Problem, ISO 639:s and September): only the real mentions enter the bag, at their
     * offsets in the text.
     */
    @Test
    void theSeparatorOfAMentionDocumentAddsNoEntity() throws Exception {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("en", "SEP", 0.5, "September", 1.0);
        b.addEntry("en", "Paris", 0.5, "Paris", 1.0);
        KnowledgeBase kb = b.build();
        EntityIndex index = EntityIndex.fromKb(kb);
        try (BertTokenizer tokenizer = BertTokenizer.load(TinyModels.writeTokenizer(dir.resolve("tok")),
                TinyModels.MAX_LENGTH)) {
            String doc = "Paris" + MentionDocument.SEPARATOR + "Paris is the capital";
            List<EntityLinker.LinkedEntity> bag = new Featurizer(tokenizer, kb, index).link(List.of(doc), "en")
                    .get(0).bag();
            assertThat(bag).extracting(EntityLinker.LinkedEntity::start).containsExactly(0, 12);
            assertThat(bag).extracting(EntityLinker.LinkedEntity::id).containsOnly(index.id("Paris"));
        }
    }
}
