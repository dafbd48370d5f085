package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Thresholds and formulas on counts whose results were worked out by hand (docs/method.md §1):
 * p(e|m) = links(m,e) / links(m), lp(m) = min(1, links(m) / pages containing m), keep lp >= 0.01 and
 * p >= 0.05.
 */
class KbBuilderTest {

    private static KnowledgeBase built() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        LanguageCounts c = b.counts("de");
        c.addLink("Bank", "Bank", 60);
        c.addLink("bank", "Bank_(Geographie)", 37); // same surface once case-folded, target normalised
        c.addLink("Bank", "Bank of America", 3);
        c.addTextOccurrences("Bank", 5000);
        c.addLink("die", "Die (Band)", 5);
        c.addTextOccurrences("die", 100_000);
        c.addLink("Paris", "Paris", 50);
        c.addAnchorLinkTotal("Paris", 80); // 30 more links to pages that do not exist
        c.addTextOccurrences("Paris", 40);
        c.addLink("Xyz", "Xyz", 2);
        c.addLink("Aaaaaaaaaaaaaaaaaaaaa", "A", 9); // 21 characters > 20
        return b.build();
    }

    @Test
    void appliesTheThresholdsToRawCounts() {
        LanguageDictionary d = built().dictionary("de");
        // bank: links 100, pages 5000 -> lp 0.02 >= 0.01; p = 0.60, 0.37, 0.03 (< 0.05, dropped)
        int bank = d.find("bank");
        assertThat(d.linkProbability(bank)).isCloseTo(0.02f, within(1e-6f));
        assertThat(d.candidates(bank)).containsExactly(new Candidate("Bank", 0.60f),
                new Candidate("Bank (Geographie)", 0.37f));
        // die: lp = 5 / 100000 = 5e-5 < 0.01 -> dropped
        assertThat(d.find("die")).isEqualTo(-1);
        // paris: explicit total 80 -> p = 50/80 = 0.625, lp = min(1, 80/40) = 1
        int paris = d.find("paris");
        assertThat(d.linkProbability(paris)).isEqualTo(1f);
        assertThat(d.candidates(paris)).containsExactly(new Candidate("Paris", 0.625f));
        // xyz: never counted in text -> lp 1, and the header says so
        assertThat(d.linkProbability(d.find("xyz"))).isEqualTo(1f);
        assertThat(d.find("aaaaaaaaaaaaaaaaaaaaa")).isEqualTo(-1);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.entitySpace()).isEqualTo(EntitySpace.LOCAL);
        assertThat(built().header().notes()).containsEntry("lp.noTextCount.de", "1");
    }

    @Test
    void configurableThresholds() {
        KbBuilder b = new KbBuilder(KbOptions.defaults().withThresholds(0.5, 0.5));
        b.addEntry("en", "Bank", 0.4, "Bank", 1.0);
        b.addEntry("en", "Paris", 0.6, "Paris", 0.7);
        b.addEntry("en", "Paris", 0.6, "Paris, Texas", 0.3);
        LanguageDictionary d = b.build().dictionary("en");
        assertThat(d.find("bank")).isEqualTo(-1);
        assertThat(d.candidates(d.find("paris"))).containsExactly(new Candidate("Paris", 0.7f));
        assertThat(d.entitySpace()).isEqualTo(EntitySpace.ENGLISH);
    }

    @Test
    void pageCounterCountsEachPageOnceOnWordBoundaries() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        LanguageCounts c = b.counts("en");
        c.addLink("Bank", "Bank", 1);
        c.addLink("river bank", "Bank (geography)", 1);
        try (PageOccurrenceCounter counter = c.pageCounter()) {
            counter.countPage("The Bank of the river. The bank again, and the river bank.");
            counter.countPage("Banking is not a bank"); // 'Banking' is no match, 'bank' is
            counter.countPage("Nothing here.");
        }
        LanguageDictionary d = b.build().dictionary("en");
        assertThat(d.linkProbability(d.find("bank"))).isEqualTo(0.5f); // 1 link / 2 pages
        assertThat(d.linkProbability(d.find("river bank"))).isEqualTo(1f); // 1 link / 1 page
    }

    @Test
    void resolvesRedirectTargetsBeforeComputingCommonness() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        LanguageCounts c = b.counts("en");
        c.addLink("America", "United States", 6);
        c.addLink("America", "USA", 2);             // redirect -> United States
        c.addLink("America", "U.S.A.", 1);          // redirect chain U.S.A. -> USA -> United States
        c.addLink("America", "Americas", 1);
        c.addRedirect("USA", "United_States");
        c.addRedirect("U.S.A.", "USA");
        c.addRedirect("Loop A", "Loop B");
        c.addRedirect("Loop B", "Loop A");
        LanguageDictionary d = b.build().dictionary("en");
        // 9 of 10 links end at United States: 0.9; Americas 0.1
        assertThat(d.candidates(d.find("america"))).containsExactly(new Candidate("United States", 0.9f),
                new Candidate("Americas", 0.1f));
        assertThat(c.resolve("Loop A")).isIn("Loop A", "Loop B"); // a cycle stops, it does not hang
    }

    @Test
    void rejectsInconsistentInput() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.counts("de").addLink("A", "B", 5);
        b.counts("de").addAnchorLinkTotal("A", 3);
        assertThatThrownBy(b::build).hasMessageContaining("anchor 'a'").hasMessageContaining("smaller than");
        assertThatThrownBy(() -> b.addEntry("de", "x", 1, "y", 1)).hasMessageContaining("cannot be mixed");
        assertThatThrownBy(() -> b.counts("Deutsch")).hasMessageContaining("language code");
        assertThatThrownBy(() -> b.addEntry("fr", "x", 1.5, "y", 1)).hasMessageContaining("lp=1.5");
    }

    @Test
    void interlanguageKeepsTheFirstMappingOfAKey() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addInterlanguage("de", "Frankreich", "France");
        b.addInterlanguage("de", "frankreich", "France (disambiguation)");
        b.addInterlanguage("de", "Q142", "France");
        KnowledgeBase kb = b.build();
        assertThat(kb.interlanguage().toEnglish("de", "Frankreich")).isEqualTo("France");
        assertThat(kb.interlanguage().toEnglish("de", "Q142")).isEqualTo("France");
        assertThat(kb.header().notes()).containsEntry("interlanguage.conflicts.ignored", "1");
    }
}
