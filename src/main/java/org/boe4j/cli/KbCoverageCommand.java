package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.icu.Sib200Corpus;
import org.boe4j.kb.build.icu.Sib200Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code boe4j kb coverage [--data DIR] KB...}: per SIB-200 language (the embedded eight, or every language
 * directory under DIR), share of sentences with an entity, entities per
 * sentence, and precision confirmed by the aligned English sentence (the parallel text only measures).
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Measure KB files on SIB-200 sentences (embedded, or --data DIR): share of sentences with an English entity,"
                + " distinct entities per sentence, precision (hits the aligned English sentence confirms).")
public final class KbCoverageCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "KB files")
    List<Path> kbs;

    @Option(names = "--splits", split = ",", description = "SIB-200 splits (default: train,dev,test = 1,004 sentences)")
    List<String> splits = List.of("train", "dev", "test");

    @Option(names = "--data", paramLabel = "DIR", description = "measure on every SIB-200 language directory under DIR"
            + " (laid out like the release's data/annotated/, eng_Latn/ included) instead of the embedded eight")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Sib200Corpus corpus = data == null ? Sib200Corpus.embedded() : Sib200Corpus.directory(data);
        out.println("| KB | lang | sentences | share with entity | entities / sentence | precision | confirmed share |");
        out.println("|---|---|---|---|---|---|---|");
        for (Path file : kbs) {
            long t0 = System.nanoTime();
            KnowledgeBase kb = KbFile.read(file);
            System.err.printf(Locale.ROOT, "read %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
            for (Sib200Precision.Row r : Sib200Precision.measure(kb, corpus, splits)) {
                // from a directory, several scripts of one language may be present (arb_Arab, arb_Latn): name the directory
                String lang = data == null ? r.language() : r.language() + " (" + r.floresCode() + ")";
                out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %s | %s |%n", file.getFileName(), lang,
                        r.sentences(), r.share(), r.entitiesPerSentence(),
                        r.language().equals("en") ? "(reference)" : String.format(Locale.ROOT, "%.3f", r.precision()),
                        r.language().equals("en") ? "" : String.format(Locale.ROOT, "%.3f", r.confirmedShare()));
            }
        }
        return 0;
    }
}
