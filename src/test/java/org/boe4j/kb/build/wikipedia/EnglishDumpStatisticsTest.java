package org.boe4j.kb.build.wikipedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anchor statistics on real English dump samples, checked against counts made by hand.
 *
 * <p>How the expected numbers were made: {@code bzcat wikipedia2vec-sample.xml.bz2 > w2v.xml}, then
 * {@code grep -n -i -o '\[\[[^]]*assistive technology[^]]*\]\]' w2v.xml} and reading each hit in context
 * ({@code sed -n Np}), with {@code grep -n '^{|\|^|}'} for the table boundaries (lines 464-482):
 * <ul>
 *   <li>"assistive technology": 7 links outside templates and tables (lines 81, 94, 223, 283, 287, 320, 554),
 *       6 to "Assistive technology" ({@code [[assistive technology]]}, {@code [[Assistive technology]]},
 *       {@code [[Assistive technology|Assistive Technology]]}) and 1 to "Assistive Technology" (line 81,
 *       {@code [[Assistive Technology]]}, a different title: only the first letter is case-insensitive);
 *       both articles contain the phrase, so pages = 2, lp = min(1, 7/2) = 1, p(e|m) = 6/7;</li>
 *   <li>"screen reader": {@code [[screen reader]]} at lines 112, 130, 287 and 474; line 474 is inside the
 *       wikitable, so 3 links; {@code [[Screen reader#Accessibility APIs|accessibility API]]} (line 192)
 *       is one link "accessibility api" -> "Screen reader" (section dropped);</li>
 *   <li>"microsoft windows": 5 links (lines 133-145, a bulleted list);</li>
 *   <li>{@code [[University of Washington]]} occurs once, inside a {@code {{cite web}}} template: no link;
 *       the 6 {@code [[Category:...]]} and the {@code [[File:...]]} links are no anchors either;</li>
 *   <li>tables and headings are not text ({@code grep -n -i 'screen magnifier'}): "screen magnifier" is in
 *       "Computer accessibility" (lines 130, 199) and in "Accessibility" only inside the table (line 480), so
 *       1 link and 1 page; "hearing impairment" is in "Computer accessibility" only as a heading
 *       ({@code === Hearing impairment ===}, line 123) and in "Accessibility" in prose (lines 430, 455), so
 *       1 page.</li>
 * </ul>
 * On the gensim sample ({@code bzcat gensim-enwiki-shortened.xml.bz2 > g.xml}): 206 pages, of which 99
 * namespace-0 redirects and 106 articles (counted with a short script over {@code <page>} blocks); the anchor
 * "form" occurs in three links ({@code grep -n -i -o '\[\[[^]]*|form\]\]'}): line 5153
 * {@code [[Hylomorphism#Body–soul hylomorphism|form]]}, line 25382 {@code [[argument form|form]]} where the
 * page "Argument form" is {@code <redirect title="Logical form"/>}, and line 36995 {@code [[shape|form]]}.
 */
class EnglishDumpStatisticsTest {

    private static AnchorStatistics w2v;
    private static AnchorStatistics gensim;

    @BeforeAll
    static void build() throws IOException {
        w2v = build(WikiFixtures.ENWIKI_W2V);
        gensim = build(WikiFixtures.ENWIKI_GENSIM);
    }

    static AnchorStatistics build(String resource) throws IOException {
        return new WikipediaAnchorStatisticsBuilder(AnchorOptions.defaults("en"), null)
                .build(WikiFixtures.path(resource)).statistics();
    }

    @Test
    void pagesArticlesAndRedirects() {
        AnchorStatistics.Summary s = w2v.summary();
        assertThat(s.pages()).isEqualTo(3);
        assertThat(s.articles()).isEqualTo(2);
        assertThat(s.redirects()).isEqualTo(1);
        assertThat(s.truncated()).isFalse();
        assertThat(w2v.resolveRedirect("AccessibleComputing")).isEqualTo("Computer accessibility");
        assertThat(w2v.isArticle("Computer accessibility")).isTrue();
        assertThat(w2v.isArticle("AccessibleComputing")).isFalse();
        List<String> redirects = new ArrayList<>();
        w2v.forEachRedirect((from, to) -> redirects.add(from + " -> " + to));
        assertThat(redirects).containsExactly("AccessibleComputing -> Computer accessibility");
        List<String> articles = new ArrayList<>();
        w2v.forEachArticle(articles::add);
        assertThat(articles).containsExactlyInAnyOrder("Computer accessibility", "Accessibility");

        assertThat(gensim.summary().pages()).isEqualTo(206);
        assertThat(gensim.summary().redirects()).isEqualTo(99);
        assertThat(gensim.summary().articles()).isEqualTo(106);
    }

    @Test
    void linkCountsCommonnessAndLinkProbability() {
        assertThat(w2v.targets("assistive technology"))
                .containsExactly(Map.entry("Assistive technology", 6), Map.entry("Assistive Technology", 1));
        assertThat(w2v.totalLinks("Assistive Technology")).isEqualTo(7); // case-insensitive anchors
        assertThat(w2v.pagesContaining("assistive technology")).isEqualTo(2);
        assertThat(w2v.linkProbability("assistive technology")).isEqualTo(1.0);
        assertThat(w2v.commonness("assistive technology", "Assistive technology")).isCloseTo(6.0 / 7, within(1e-12));

        assertThat(w2v.targets("screen reader")).containsExactly(Map.entry("Screen reader", 3));
        assertThat(w2v.targets("accessibility API")).containsExactly(Map.entry("Screen reader", 1));
        assertThat(w2v.targets("microsoft windows")).containsExactly(Map.entry("Microsoft Windows", 5));
    }

    @Test
    void tablesAndHeadingsAreNotText() {
        assertThat(w2v.targets("screen magnifier")).containsExactly(Map.entry("Screen magnifier", 1));
        assertThat(w2v.pagesContaining("screen magnifier")).isEqualTo(1);
        assertThat(w2v.pagesContaining("hearing impairment")).isEqualTo(1);
        assertThat(w2v.linkProbability("hearing impairment")).isEqualTo(1.0);
    }

    @Test
    void templatesAndNamespacesGiveNoAnchors() {
        assertThat(w2v.totalLinks("University of Washington")).isZero();
        List<String> all = new ArrayList<>();
        w2v.forEachAnchor((anchor, total, pages, targets, counts) -> all.addAll(List.of(targets)));
        assertThat(all).noneMatch(t -> t.startsWith("Category:") || t.startsWith("File:") || t.startsWith("Wikipedia:"));
    }

    @Test
    void linkTargetsThatAreRedirectsCountForTheRedirectTarget() {
        assertThat(gensim.targets("form")).containsOnly(Map.entry("Hylomorphism", 1), Map.entry("Logical form", 1),
                Map.entry("Shape", 1));
        assertThat(gensim.summary().unresolvedRedirectChains()).isZero();
    }

    @Test
    void everyAnchorOccursOnAtLeastOnePageAndLpIsAtMostOne() {
        int[] bad = {0};
        gensim.forEachAnchor((anchor, total, pages, targets, counts) -> {
            if (pages < 1 || total < 1 || targets.length == 0) {
                bad[0]++;
            }
        });
        assertThat(bad[0]).isZero();
        assertThat(gensim.anchorCount()).isGreaterThan(1000);
    }
}
