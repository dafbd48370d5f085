package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbMerge;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code boe4j kb merge A B --out C}: A takes precedence (see KbMerge). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge two KB files; the first wins on shared surfaces and inter-language keys.")
public final class KbMergeCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "first KB (takes precedence)")
    Path first;

    @Parameters(index = "1", description = "second KB")
    Path second;

    @Option(names = "--out", required = true, description = "merged KB file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        KbFile.checkReplaceable(out);
        KnowledgeBase a = KbFile.read(first);
        KnowledgeBase b = KbFile.read(second);
        KnowledgeBase merged = KbMerge.merge(a, b).withExtraSources(List.of(
                KbSource.ofFile("kb-merge-input", first, "first (precedence)"),
                KbSource.ofFile("kb-merge-input", second, "second")));
        KbFile.write(merged, out);
        System.err.println("merged " + first + " + " + second + " -> " + out + ": languages " + merged.languages());
        return 0;
    }
}
