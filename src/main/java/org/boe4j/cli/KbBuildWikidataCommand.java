package org.boe4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.boe4j.io.Progress;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbMerge;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code boe4j kb build wikidata}: adds inter-language links (local title -> English title) to a KB. */
@Command(name = "wikidata", mixinStandardHelpOptions = true,
        description = "Read the Wikidata JSON dump (latest-all.json[.gz|.bz2]) and add, for the given languages,"
                + " (local Wikipedia title -> English title) pairs to an existing KB.")
public final class KbBuildWikidataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dump", required = true, paramLabel = "FILE", description = "the Wikidata JSON dump")
    Path dump;

    @Option(names = "--lang", required = true, split = ",", paramLabel = "LANG",
            description = "languages to collect, comma-separated (ja,de,...)")
    List<String> languages;

    @Option(names = "--kb", required = true, paramLabel = "KB", description = "the KB to extend")
    Path kb;

    @Option(names = "--out", required = true, paramLabel = "KB", description = "KB file to write (may be --kb)")
    Path out;

    @Option(names = "--allow-truncated", description = "accept a dump without its closing ']' line")
    boolean allowTruncated;

    @Option(names = "--max-malformed-lines", paramLabel = "N", description = "fail beyond N malformed lines (default: ${DEFAULT-VALUE})")
    long maxMalformedLines = WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_LINES;

    @Option(names = "--max-malformed-fraction", paramLabel = "F", description = "fail when this share of lines is malformed (default: ${DEFAULT-VALUE})")
    double maxMalformedFraction = WikidataDumpReader.Options.DEFAULT_MAX_MALFORMED_FRACTION;

    @Override
    public Integer call() throws Exception {
        KbFile.checkReplaceable(out); // before reading the dump, not after
        KnowledgeBase base = KbFile.read(kb);
        WikidataDumpReader.Options options = WikidataDumpReader.Options.of(new LinkedHashSet<>(languages))
                .withLimits(maxMalformedLines, maxMalformedFraction).withAllowTruncated(allowTruncated);
        WikidataDumpReader.Result r;
        try (Progress progress = new Progress("wikidata", Files.size(dump), "B", System.out)) {
            r = new WikidataDumpReader(options).read(dump, progress);
        }
        KbSource source = KbSource.ofFile("wikidata-dump", dump, String.format(Locale.ROOT,
                "%d entities, %d with enwiki, languages %s, %d malformed lines%s", r.entityLines(), r.withEnglish(),
                languages, r.malformedCount(), r.complete() ? "" : "; no closing ']' line (truncated)"));
        KnowledgeBase updated = KbMerge.merge(base, r.links().toKb(base.options(), source, false));
        KbFile.write(updated, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wikidata: %d lines, %d entities, %d with enwiki, %d malformed%s; %.1f MB in %.1f s%n",
                r.lines(), r.entityLines(), r.withEnglish(), r.malformedCount(),
                r.firstMalformed().isEmpty() ? "" : " (first lines: " + r.firstMalformed() + ")",
                r.uncompressedBytes() / 1e6, r.seconds());
        for (String language : languages) {
            o.printf(Locale.ROOT, "  %s: %d pairs to English%n", language, r.links().size(language));
        }
        o.println("KB " + out + ": " + updated.header().counts());
        return 0;
    }
}
