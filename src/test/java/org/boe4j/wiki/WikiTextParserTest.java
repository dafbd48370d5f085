package org.boe4j.wiki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wikitext rules of {@link WikiTextParser}, one construct per test, on small hand-written snippets whose
 * expected plain text and links follow from the MediaWiki syntax (what a reader of the rendered page sees
 * as running prose).
 */
class WikiTextParserTest {

    private final Namespaces namespaces = namespacesWithGerman();
    private final WikiTextParser parser = new WikiTextParser(namespaces, true);

    private static Namespaces namespacesWithGerman() {
        Namespaces ns = new Namespaces();
        ns.declare(14, "Kategorie");
        ns.declare(6, "Datei");
        ns.declare(6, "ファイル");
        return ns;
    }

    @Test
    void linksWithAndWithoutAnchorFirstLetterAndUnderscores() {
        ParsedPage p = parser.parse("The [[anarchism]] and [[Pierre_Joseph  Proudhon|Proudhon]] wrote.");
        assertThat(p.text()).isEqualTo("The anarchism and Proudhon wrote.");
        assertThat(p.links()).containsExactly(new WikiLink("Anarchism", "anarchism"),
                new WikiLink("Pierre Joseph Proudhon", "Proudhon"));
    }

    @Test
    void sectionIsDroppedAndSelfSectionLinkIsNotALink() {
        ParsedPage p = parser.parse("See [[Screen reader#APIs|APIs]] and [[#History|above]].");
        assertThat(p.links()).containsExactly(new WikiLink("Screen reader", "APIs"));
        assertThat(p.text()).isEqualTo("See APIs and above.");
    }

    @Test
    void nestedTemplatesAreDroppedWithTheirLinks() {
        ParsedPage p = parser.parse("A {{Infobox|name={{lang|fr|[[Paris]]}}|x=[[Seine]]}}B [[Lyon]]");
        assertThat(p.text()).isEqualTo("A B Lyon");
        assertThat(p.links()).containsExactly(new WikiLink("Lyon", "Lyon"));
    }

    @Test
    void nestedTablesAreDroppedWithTheirLinks() {
        String wikitext = "Before\n{| class=\"wikitable\"\n| [[Oslo]]\n|-\n|\n{|\n| [[Bergen]]\n|}\n|}\nAfter [[Trondheim]]";
        ParsedPage p = parser.parse(wikitext);
        assertThat(p.text()).isEqualTo("Before\n\nAfter Trondheim");
        assertThat(p.links()).extracting(WikiLink::target).containsExactly("Trondheim");
    }

    @Test
    void referencesCommentsAndNonProseTagsAreDropped() {
        ParsedPage p = parser.parse("Text<ref name=\"a\">[[Cited]] source</ref> more<ref name=\"a\"/>"
                + "<!-- [[Hidden]] --> <math>x^2</math><small>small [[Kept]]</small>");
        assertThat(p.text()).isEqualTo("Text more small Kept");
        assertThat(p.links()).extracting(WikiLink::target).containsExactly("Kept");
    }

    @Test
    void namespaceInterwikiAndInterlanguageLinksAreSkippedWithCaptions() {
        ParsedPage p = parser.parse("[[Kategorie:Stadt]][[Datei:Berlin.jpg|thumb|The [[Spree]] river]]"
                + "[[ファイル:X.png|左]][[画像:Y.png]][[Image:Z.png]][[:Category:Cities]][[fr:Berlin]]"
                + "[[zh-yue:柏林]][[wikt:Stadt]][[Template:Cite]] [[Berlin]]");
        assertThat(p.links()).containsExactly(new WikiLink("Berlin", "Berlin"));
        assertThat(p.text()).isEqualTo(" Berlin");
    }

    @Test
    void titlesWithAColonThatIsNoPrefixAreArticles() {
        ParsedPage p = parser.parse("[[Star Wars: Episode IV|the film]] and [[UN: A history]]");
        assertThat(p.links()).extracting(WikiLink::target).containsExactly("Star Wars: Episode IV", "UN: A history");
    }

    @Test
    void headingsListsQuotesEntitiesAndExternalLinks() {
        ParsedPage p = parser.parse("== [[History]] ==\n* '''Bold''' item&nbsp;one\n# [http://x.org Site title] "
                + "[[AT&amp;T]]\n__NOTOC__");
        assertThat(p.text()).isEqualTo("\n Bold item one\n Site title AT&T\n");
        assertThat(p.links()).containsExactly(new WikiLink("AT&T", "AT&T"));
    }

    @Test
    void linkTrailIsNotPartOfTheAnchorAndPipeTrickStripsTheQualifier() {
        ParsedPage p = parser.parse("[[apple]]s and [[Paris (band)|]]");
        assertThat(p.text()).isEqualTo("apples and Paris");
        assertThat(p.links()).containsExactly(new WikiLink("Apple", "apple"), new WikiLink("Paris (band)", "Paris"));
    }

    @Test
    void unclosedMarkupIsLiteralText() {
        ParsedPage p = parser.parse("a {{ b [[c d");
        assertThat(p.text()).isEqualTo("a {{ b [[c d");
        assertThat(p.links()).isEmpty();
    }

    @Test
    void anchorMarkupIsReducedToPlainText() {
        List<WikiLink> links = parser.parse("[[Tokyo|''Tōkyō'' <small>(東京)</small>]]").links();
        assertThat(links).containsExactly(new WikiLink("Tokyo", "Tōkyō (東京)"));
    }
}
