package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.icu.Sib200Text;
import org.boe4j.kb.build.wikidict.WikidictArtifact;
import org.boe4j.kb.build.wikidict.WikidictKbBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j kb build wikidict}: a KB from the crosswikis anchor dictionary in Stanford CoreNLP's KBP models. */
@Command(name = "wikidict", mixinStandardHelpOptions = true,
        description = "Build a KB from the cross-lingual anchor dictionary " + WikidictArtifact.ENTRY + " of "
                + WikidictArtifact.COORDINATES + " (GPL-3.0; resolved by Maven). Streams the 1 GB file; junk rows,"
                + " foreign titles and common words are dropped by the rules of docs/kb.md.")
public final class KbBuildWikidictCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "KB file to write (atomically, only once all is read)")
    Path out;

    @Option(names = "--languages", split = ",",
            description = "KB languages (default: the 8 embedded SIB-200 languages en,fr,de,ja,zh,it,ru,es)")
    List<String> languages = new ArrayList<>(Sib200Text.LANGUAGES.values());

    @Option(names = "--dict", description = "the artifact jar or an extracted wikidict.tab.gz (default: the class path)")
    Path dict;

    @Option(names = "--min-variants", description = "keep entities with at least this many anchor variants (default: ${DEFAULT-VALUE})")
    int minVariants = WikidictKbBuilder.DEFAULT_MIN_VARIANTS;

    @Option(names = "--min-link-prob", description = "keep a surface in a language when its estimated lp >= this (default: ${DEFAULT-VALUE})")
    double minLinkProbability = WikidictKbBuilder.DEFAULT_MIN_LINK_PROBABILITY;

    @Option(names = "--min-commonness", description = "keep rows with score >= this (default: ${DEFAULT-VALUE})")
    double minCommonness = KbOptions.DEFAULT_MIN_COMMONNESS;

    @Option(names = "--max-mention-length", description = "longest surface kept, in code points (default: ${DEFAULT-VALUE})")
    int maxMentionLength = KbOptions.DEFAULT_MAX_MENTION_LENGTH;

    @Option(names = "--max-malformed-lines", description = "skip (and count) at most this many malformed lines (default: ${DEFAULT-VALUE})")
    long maxMalformedLines = 1000;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        KbOptions kbo = KbOptions.defaults().withThresholds(minLinkProbability, minCommonness)
                .withMaxMentionLength(maxMentionLength);
        WikidictKbBuilder.Options o = WikidictKbBuilder.Options.defaults(languages).withKbOptions(kbo)
                .withMinVariants(minVariants).withMaxMalformedLines(maxMalformedLines);
        KnowledgeBase kb = WikidictKbBuilder.build(dict, o, System.err);
        KbFile.write(kb, out);
        System.err.printf(Locale.ROOT, "built %s in %.1f s: %s%n", out, (System.nanoTime() - t0) / 1e9,
                kb.header().counts());
        kb.header().notes().forEach((k, v) -> {
            if (k.startsWith("wikidict.dropped.") || k.startsWith("wikidict.rowsKept") || k.equals("wikidict.lines")) {
                System.err.println("  " + k + " = " + v);
            }
        });
        return 0;
    }
}
