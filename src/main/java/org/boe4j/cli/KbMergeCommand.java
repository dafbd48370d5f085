package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbMerge;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code boe4j kb merge A B [C ...] --out OUT}: earlier KBs take precedence (see KbMerge). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge KB files; an earlier file wins on shared surfaces and inter-language keys"
                + " (e.g. wikipedia.kb wikidict.kb icu.kb, or icu.kb wikidict.kb: see docs/kb.md).")
public final class KbMergeCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", description = "KB files, highest precedence first")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "merged KB file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        KbFile.checkReplaceable(out);
        List<KnowledgeBase> kbs = new ArrayList<>();
        List<KbSource> files = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            kbs.add(KbFile.read(inputs.get(i)));
            files.add(KbSource.ofFile("kb-merge-input", inputs.get(i), "precedence " + (i + 1) + " of " + inputs.size()));
        }
        KnowledgeBase merged = KbMerge.merge(kbs).withExtraSources(files);
        KbFile.write(merged, out);
        System.err.println("merged " + inputs + " -> " + out + ": languages " + merged.languages());
        return 0;
    }
}
