package org.boe4j.kb.build.wikipedia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirect chains and cycles, on a small hand-written export in the real dump format (the real samples have no
 * chain): A -> B -> C resolves to C; a chain longer than the bound and a cycle X -> Y -> X keep their own title
 * and are counted as unresolved; redirects to a section go to the page.
 */
class RedirectChainTest {

    @TempDir
    Path dir;

    private static String page(String title, int ns, String redirect, String text) {
        return "<page><title>" + title + "</title><ns>" + ns + "</ns><id>1</id>"
                + (redirect == null ? "" : "<redirect title=\"" + redirect + "\" />")
                + "<revision><text xml:space=\"preserve\">" + text + "</text></revision></page>\n";
    }

    @Test
    void chainsAreFollowedWithinTheBoundAndCyclesAreLeftAlone() throws IOException {
        String xml = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.10/\"><siteinfo><dbname>testwiki</dbname>"
                + "<case>first-letter</case><namespaces><namespace key=\"0\" case=\"first-letter\" />"
                + "<namespace key=\"14\" case=\"first-letter\">Category</namespace></namespaces></siteinfo>\n"
                + page("Article", 0, null, "See [[a|alpha]], [[X|ex]], [[Long 1|long]], [[Sec|sec]] and [[c|gamma]].")
                + page("A", 0, "B", "#REDIRECT [[B]]")
                + page("B", 0, "C", "#REDIRECT [[C]]")
                + page("C", 0, null, "The page C mentions alpha.")
                + page("X", 0, "Y", "")
                + page("Y", 0, "X", "")
                + page("Sec", 0, "C#History", "")
                + page("Long 1", 0, "Long 2", "") + page("Long 2", 0, "Long 3", "") + page("Long 3", 0, "Long 4", "")
                + page("Category:Things", 14, null, "[[Article|alpha]]")
                + "</mediawiki>\n";
        Path dump = dir.resolve("test.xml");
        Files.writeString(dump, xml);
        AnchorOptions options = new AnchorOptions(false, 20, 2, "en", false);
        AnchorStatistics stats = new WikipediaAnchorStatisticsBuilder(options, null).build(dump).statistics();

        assertThat(stats.targets("alpha")).containsExactly(Map.entry("C", 1)); // A -> B -> C, 2 hops
        assertThat(stats.targets("gamma")).containsExactly(Map.entry("C", 1));
        assertThat(stats.targets("sec")).containsExactly(Map.entry("C", 1)); // section of the redirect dropped
        assertThat(stats.targets("ex")).containsExactly(Map.entry("X", 1)); // cycle
        assertThat(stats.targets("long")).containsExactly(Map.entry("Long 1", 1)); // 3 hops > bound 2
        assertThat(stats.summary().unresolvedRedirectChains()).isEqualTo(2);
        assertThat(stats.summary().redirects()).isEqualTo(8);
        assertThat(stats.summary().articles()).isEqualTo(2); // the category page is not an article
        assertThat(stats.pagesContaining("alpha")).isEqualTo(2); // linked in Article, plain text in C
        assertThat(stats.linkProbability("alpha")).isEqualTo(0.5);
        assertThat(stats.resolveRedirect("A")).isEqualTo("C");
    }
}
