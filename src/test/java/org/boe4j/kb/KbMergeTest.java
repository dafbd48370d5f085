package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.List;

class KbMergeTest {

    /** A "Wikipedia" KB: German local titles with real-looking statistics and an inter-language map. */
    private static KnowledgeBase wiki() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        LanguageCounts de = b.counts("de");
        de.addLink("Frankreich", "Frankreich", 90);
        de.addLink("Frankreich", "Frankreich (Schiff)", 10);
        de.addLink("Bonn", "Bonn", 10);
        b.addInterlanguage("de", "Frankreich", "France");
        b.addInterlanguage("de", "Bonn", "Bonn");
        b.addSource(new KbSource("wikipedia-dump", "dewiki.xml.bz2", "aa", 1, ""));
        return b.build();
    }

    /** An "ICU" KB: English titles directly, lp 1, uniform commonness, longer mentions. */
    private static KnowledgeBase icu() {
        KbBuilder b = new KbBuilder(KbOptions.defaults().withMaxMentionLength(40));
        b.entitySpace("de", EntitySpace.ENGLISH);
        b.addEntry("de", "Frankreich", 1, "France", 1);
        b.addEntry("de", "Japan", 1, "Japan", 1);
        b.addEntry("en", "Japan", 1, "Japan", 1);
        b.addSource(new KbSource("icu4j", "icu4j:77.1", "", -1, ""));
        return b.build();
    }

    @Test
    void firstKbWinsOnSharedSurfacesAndLocalTitlesAreMappedWhenSpacesDiffer() {
        KnowledgeBase m = KbMerge.merge(wiki(), icu());
        LanguageDictionary de = m.dictionary("de");
        assertThat(de.entitySpace()).isEqualTo(EntitySpace.ENGLISH);
        // Frankreich: the Wikipedia statistics, mapped to English; the unmapped ship dropped
        assertThat(de.candidates(de.find("frankreich"))).containsExactly(new Candidate("France", 0.9f));
        assertThat(de.linkProbability(de.find("frankreich"))).isEqualTo(1f);
        assertThat(de.candidates(de.find("bonn"))).containsExactly(new Candidate("Bonn", 1f));
        assertThat(de.candidates(de.find("japan"))).containsExactly(new Candidate("Japan", 1f)); // from ICU
        assertThat(m.languages()).containsExactly("de", "en");
        assertThat(m.options().maxMentionLength()).isEqualTo(40);
        assertThat(m.header().sources()).extracting(KbSource::kind).containsExactly("wikipedia-dump", "icu4j");
        assertThat(m.extractor("de").find("Frankreich und Japan")).hasSize(2);
    }

    @Test
    void sameSpaceDictionariesMergeWithoutMapping() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.counts("de").addLink("Paris", "Paris (Mythologie)", 1);
        b.addInterlanguage("de", "Frankreich", "Kingdom of France");
        KnowledgeBase m = KbMerge.merge(b.build(), wiki());
        LanguageDictionary de = m.dictionary("de");
        assertThat(de.entitySpace()).isEqualTo(EntitySpace.LOCAL);
        assertThat(de.size()).isEqualTo(3);
        assertThat(m.interlanguage().toEnglish("de", "Frankreich")).isEqualTo("Kingdom of France"); // first wins
    }

    @Test
    void refusesToMergeDifferentNormalisations() {
        KbBuilder b = new KbBuilder(KbOptions.defaults().withCaseInsensitive(false));
        b.addEntry("en", "Japan", 1, "Japan", 1);
        assertThatThrownBy(() -> KbMerge.merge(b.build(), icu())).hasMessageContaining("case-insensitive");
    }

    /** A "crosswikis" KB: English titles, real-looking scores, estimated lp. */
    private static KnowledgeBase dictionary() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.entitySpace("de", EntitySpace.ENGLISH);
        b.addEntry("de", "Frankreich", 0.8, "France national football team", 0.6);
        b.addEntry("de", "Japan", 0.9, "Japan", 0.94);
        b.addEntry("de", "Merkel", 1, "Angela Merkel", 0.585774);
        b.addSource(new KbSource("wikidict", "wikidict.tab.gz", "bb", 2, ""));
        return b.build();
    }

    @Test
    void threeKbsMergeInPrecedenceOrderWikipediaThenDictionaryThenIcu() {
        KnowledgeBase m = KbMerge.merge(List.of(wiki(), dictionary(), icu()));
        LanguageDictionary de = m.dictionary("de");
        // in all three: the Wikipedia KB's statistics, mapped to English
        assertThat(de.candidates(de.find("frankreich"))).containsExactly(new Candidate("France", 0.9f));
        // in the dictionary and ICU: the dictionary's score and lp, not ICU's 1 / 1
        assertThat(de.candidates(de.find("japan"))).containsExactly(new Candidate("Japan", 0.94f));
        assertThat(de.linkProbability(de.find("japan"))).isEqualTo(0.9f);
        assertThat(de.candidates(de.find("merkel"))).containsExactly(new Candidate("Angela Merkel", 0.585774f));
        assertThat(m.header().sources()).extracting(KbSource::kind).containsExactly("wikipedia-dump", "wikidict", "icu4j");

        // the default KB's order, ICU first: ICU's curated title wins over the dictionary's top row
        KnowledgeBase d = KbMerge.merge(List.of(icu(), dictionary()));
        LanguageDictionary dd = d.dictionary("de");
        assertThat(dd.candidates(dd.find("frankreich"))).containsExactly(new Candidate("France", 1f));
        assertThat(dd.candidates(dd.find("merkel"))).containsExactly(new Candidate("Angela Merkel", 0.585774f));
    }
}
