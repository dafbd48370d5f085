package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.build.icu.CommonWordFilter;
import org.boe4j.kb.build.icu.IcuKbBuilder;
import org.boe4j.kb.build.icu.Sib200Coverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j kb build icu}: the embedded default KB from ICU4J's locale data (no download). */
@Command(name = "icu", mixinStandardHelpOptions = true,
        description = "Build the default KB from ICU4J names of regions, languages, currencies and cities.")
public final class KbBuildIcuCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "KB file to write")
    Path out;

    @Option(names = "--languages", split = ",",
            description = "languages to include (ISO 639 codes; default: every language ICU has)")
    List<String> languages = List.of();

    @Option(names = "--max-mention-length", description = "longest surface kept, in code points (default: ${DEFAULT-VALUE})")
    int maxMentionLength = IcuKbBuilder.ICU_MAX_MENTION_LENGTH;

    @Option(names = "--case-sensitive", description = "match case-sensitively (default: case-insensitive)")
    boolean caseSensitive;

    @Option(names = "--no-filter", description = "keep names that collide with common words (no measurement)")
    boolean noFilter;

    @Option(names = "--report", description = "write the dropped names and the SIB-200 coverage as TSV here")
    Path report;

    @Override
    public Integer call() throws Exception {
        KbFile.checkReplaceable(out);
        PrintStream err = System.err;
        long t0 = System.nanoTime();
        IcuKbBuilder.Options o = IcuKbBuilder.Options.defaults().withLanguages(languages);
        KbOptions kbo = o.kbOptions().withMaxMentionLength(maxMentionLength).withCaseInsensitive(!caseSensitive);
        o = new IcuKbBuilder.Options(o.languages(), kbo, noFilter ? java.util.Map.of() : o.filterCorpus());
        IcuKbBuilder.Result r = IcuKbBuilder.build(o);
        KbFile.write(r.kb(), out);
        err.printf(Locale.ROOT, "built %s: %d languages in %.1f s; %d names dropped as common-word collisions%n", out,
                r.kb().languages().size(), (System.nanoTime() - t0) / 1e9,
                r.dropped().stream().filter(d -> !d.reason().equals("single code point")).count());
        StringBuilder tsv = new StringBuilder("language\tsurface\treason\thits\tsupported\tlower_case\texample\n");
        for (CommonWordFilter.Dropped d : r.dropped()) {
            tsv.append(String.join("\t", d.language(), d.surface(), d.reason(), Integer.toString(d.hits()),
                    Integer.toString(d.supportedHits()), Integer.toString(d.lowerCaseUses()),
                    d.example().replace('\t', ' '))).append('\n');
        }
        tsv.append("\nsplits\tflores\tlanguage\tsentences\tcovered\tshare\tmean_mentions\tmean_entities\n");
        for (List<String> splits : List.of(List.of("train", "dev", "test"), List.of("test"))) {
            for (Sib200Coverage.Row c : Sib200Coverage.measure(r.kb(), splits)) {
                String line = String.format(Locale.ROOT, "%s\t%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f", String.join("+", splits),
                        c.floresCode(), c.language(), c.sentences(), c.covered(), c.share(), c.meanMentions(),
                        c.meanEntities());
                tsv.append(line).append('\n');
                err.println("  SIB-200 coverage " + line);
            }
        }
        if (report != null) {
            Files.writeString(report, tsv.toString());
        }
        return 0;
    }
}
