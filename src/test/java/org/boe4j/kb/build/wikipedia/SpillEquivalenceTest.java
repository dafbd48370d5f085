package org.boe4j.kb.build.wikipedia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass 2 over the spilled plain text gives exactly the statistics of pass 2 over the dump again, with one
 * thread or several, and the temporary file is gone afterwards (real gensim sample: 106 articles, ~15,000
 * anchors).
 */
class SpillEquivalenceTest {

    @TempDir
    Path dir;

    private static String render(AnchorStatistics stats) {
        StringBuilder b = new StringBuilder(stats.summary().toString()).append('\n');
        stats.forEachAnchor((anchor, total, pages, targets, counts) -> b.append(anchor).append('\t').append(total)
                .append('\t').append(pages).append('\t').append(String.join("|", targets)).append('\t')
                .append(Arrays.toString(counts)).append('\n'));
        return b.toString();
    }

    @Test
    void spillAndRereadAgree() throws IOException {
        Path dump = WikiFixtures.path(WikiFixtures.ENWIKI_GENSIM);
        AnchorOptions options = AnchorOptions.defaults("en");
        WikipediaAnchorStatisticsBuilder.Build reread = new WikipediaAnchorStatisticsBuilder(options, null).build(dump);
        WikipediaAnchorStatisticsBuilder.Build spilled =
                new WikipediaAnchorStatisticsBuilder(options, null, dir, 1).build(dump);
        assertThat(render(spilled.statistics())).isEqualTo(render(reread.statistics()));
        // worker threads change nothing: counting stays in dump order
        WikipediaAnchorStatisticsBuilder.Build threaded =
                new WikipediaAnchorStatisticsBuilder(options, null, dir, 3).build(dump);
        assertThat(render(threaded.statistics())).isEqualTo(render(reread.statistics()));
        WikipediaAnchorStatisticsBuilder.Build threadedReread =
                new WikipediaAnchorStatisticsBuilder(options, null, null, 3).build(dump);
        assertThat(render(threadedReread.statistics())).isEqualTo(render(reread.statistics()));
        assertThat(spilled.occurrencePass().compressedBytes()).isPositive()
                .isLessThan(reread.occurrencePass().compressedBytes());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
