package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.TruncatedDumpException;
import org.boe4j.wiki.WikiDumpReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boe4j.io.Progress;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Japanese dump head that ends mid-page ({@code jawiki-truncated-100k.xml.xz}: the first 100,000
 * lines of a jawiki export; {@code xzcat | grep -c '<page>'} = 239 page starts, the last one cut off inside its
 * text, "プロジェクト:プロジェクト関連文書"). Both modes: a clear error by default; with allowTruncated the 238
 * complete pages, reported as truncated.
 *
 * <p>Hand check: {@code grep -n -o '\[\[[^]]*ゲール文字[^]]*\]\]'} finds {@code [[ゲール文字]]} twice (lines 639
 * and 659), both in the article "アンパサンド" (title at line 598), outside templates: 2 links, 1 page.
 * The dump's siteinfo declares ファイル (6) and Category (14); the text has 905 {@code [[ファイル:},
 * 37 {@code [[画像:} (an alias siteinfo does not list), 282 {@code [[File:}, 1051 {@code [[Category:}
 * links and interlanguage links such as {@code [[en:Latin America]]} (line 16177): none may become a target.
 */
class JapaneseTruncatedDumpTest {

    private static WikipediaAnchorStatisticsBuilder.Build build;

    @BeforeAll
    static void buildAllowingTruncation() throws IOException {
        build = new WikipediaAnchorStatisticsBuilder(AnchorOptions.defaults("ja").withAllowTruncated(true), null)
                .build(WikiFixtures.path(WikiFixtures.JAWIKI_TRUNCATED));
    }

    @Test
    void byDefaultATruncatedDumpIsAClearError() {
        WikiDumpReader reader = new WikiDumpReader(false);
        long[] pages = {0};
        assertThatThrownBy(() -> reader.read(WikiFixtures.path(WikiFixtures.JAWIKI_TRUNCATED),
                (page, site) -> pages[0]++, Progress.silent()))
                .isInstanceOf(TruncatedDumpException.class)
                .hasMessageContaining("jawiki-truncated-100k.xml.xz")
                .hasMessageContaining("after 238 complete pages")
                .hasMessageContaining("プロジェクト:プロジェクト関連文書")
                .hasMessageContaining("--allow-truncated")
                .satisfies(e -> assertThat(((TruncatedDumpException) e).completePages()).isEqualTo(238));
        assertThat(pages[0]).isEqualTo(238);
    }

    @Test
    void withAllowTruncatedTheCompletePagesAreKeptAndTheTruncationReported() {
        AnchorStatistics.Summary s = build.statistics().summary();
        assertThat(s.truncated()).isTrue();
        assertThat(s.truncationMessage()).contains("after 238 complete pages");
        assertThat(build.linkPass().pages()).isEqualTo(238);
        assertThat(build.occurrencePass().pages()).isEqualTo(238);
        assertThat(s.articles()).isEqualTo(189); // the sample's README: 189 articles
        assertThat(build.linkPass().siteInfo().dbName()).isEqualTo("jawiki");
    }

    @Test
    void handCountedAnchor() {
        assertThat(build.statistics().targets("ゲール文字")).containsExactly(Map.entry("ゲール文字", 2));
        assertThat(build.statistics().pagesContaining("ゲール文字")).isEqualTo(1);
    }

    @Test
    void localizedNamespacesAliasesAndInterlanguageLinksAreSkipped() {
        assertThat(build.linkPass().siteInfo().namespaces().namespaceOf("ファイル:X.jpg")).isEqualTo(6);
        List<String> targets = new ArrayList<>();
        build.statistics().forEachAnchor((anchor, total, pages, t, counts) -> targets.addAll(List.of(t)));
        assertThat(targets).isNotEmpty().noneMatch(t -> t.startsWith("ファイル:") || t.startsWith("画像:")
                || t.startsWith("File:") || t.startsWith("Image:") || t.startsWith("Category:")
                || t.startsWith("Template:") || t.startsWith("En:") || t.startsWith("Es:"));
    }

    /**
     * The statistics feed the KB core: {@code [[宇宙]]} is linked twice ({@code grep -o '\[\[宇宙[^]]*\]\]'}),
     * so 宇宙 is a surface with candidate 宇宙 (commonness 1); with the Wikidata pair 宇宙 -> Universe (Q1's
     * jawiki sitelink) a Japanese sentence yields the English entity.
     */
    @Test
    void statisticsFeedTheKbAndMapToEnglish() {
        AnchorStatistics stats = build.statistics();
        assertThat(stats.targets("宇宙")).containsExactly(Map.entry("宇宙", 2));
        KbBuilder kb = new KbBuilder(KbOptions.defaults());
        stats.addTo(kb.counts("ja"));
        kb.addInterlanguage("ja", "宇宙", "Universe");
        KnowledgeBase built = kb.build();
        int i = built.dictionary("ja").find("宇宙");
        assertThat(i).isNotNegative();
        assertThat(built.dictionary("ja").candidates(i)).extracting(Candidate::entity).containsExactly("宇宙");
        assertThat(built.dictionary("ja").linkProbability(i))
                .isEqualTo((float) Math.min(1.0, 2.0 / stats.pagesContaining("宇宙")));
        List<Mention> mentions = built.extractor("ja").find("宇宙の始まりについて");
        assertThat(mentions).anySatisfy(m -> assertThat(m.candidates()).extracting(Candidate::entity).contains("Universe"));
    }
}
