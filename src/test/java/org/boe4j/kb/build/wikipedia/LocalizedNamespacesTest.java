package org.boe4j.kb.build.wikipedia;
import org.boe4j.wiki.Namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DBpedia's minidumps: real articles ("Berlin" and a few more) of ten Wikipedias in ten scripts, under an
 * English siteinfo (dbname enwiki), so the localized namespace names are not declared and must come from
 * {@link Namespaces}' own table. The prefixes each text uses were listed by hand with
 * {@code bzcat wiki.xml.bz2 | grep -o '\[\[[^]|:]*:' | sort | uniq -c} (e.g. de: 89 {@code [[Datei:}, 36
 * {@code [[Kategorie:}; ja: 36 {@code [[File:}, 9 {@code [[ファイル:}; th: 16 {@code [[ไฟล์:}, 6
 * {@code [[หมวดหมู่:}); none of them may become a link target. Article counts: {@code grep -c '<ns>0</ns>'}.
 */
class LocalizedNamespacesTest {

    private static final List<String> NAMESPACE_PREFIXES = List.of("file:", "image:", "category:", "template:",
            "datei:", "kategorie:", "fichier:", "catégorie:", "archivo:", "categoría:", "anexo:", "categoria:",
            "файл:", "категория:", "ファイル:", "画像:", "分類:", "分类:", "ไฟล์:", "หมวดหมู่:", "ملف:", "تصنيف:",
            "चित्र:", "श्रेणी:");

    @ParameterizedTest
    @CsvSource({"ar,3", "de,2", "es,1", "fr,3", "hi,1", "it,1", "ja,1", "ru,1", "th,1", "zh,1"})
    void namespaceLinksOfEveryScriptAreSkipped(String language, int articles) throws IOException {
        AnchorStatistics stats = new WikipediaAnchorStatisticsBuilder(AnchorOptions.defaults(language), null)
                .build(WikiFixtures.path("/wiki/dbpedia-minidumps/" + language + "/wiki.xml.bz2")).statistics();
        assertThat(stats.summary().articles()).isEqualTo(articles);
        List<String> targets = new ArrayList<>();
        stats.forEachAnchor((anchor, total, pages, t, counts) -> targets.addAll(List.of(t)));
        assertThat(targets).hasSizeGreaterThan(30)
                .noneMatch(t -> NAMESPACE_PREFIXES.stream().anyMatch(p -> t.toLowerCase(Locale.ROOT).startsWith(p)));
    }
}
