package org.boe4j.cli;

import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbSource;
import org.boe4j.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code boe4j kb info FILE}: header, provenance and sizes; verifies the whole file unless --header-only. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show a KB file's header and verify it.")
public final class KbInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "KB file")
    Path file;

    @Option(names = "--header-only", description = "read the header only (skip the checksum verification)")
    boolean headerOnly;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        KbHeader h;
        if (headerOnly) {
            h = KbFile.readHeader(file);
        } else {
            KnowledgeBase kb = KbFile.read(file);
            h = kb.header();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "file          %s (%,d bytes)%n", file, Files.size(file));
        out.printf(Locale.ROOT, "format        version %d, created %s%n", h.formatVersion(), h.createdAt());
        out.printf(Locale.ROOT, "options       lp >= %s, p(e|m) >= %s, %s, mentions <= %d code points%n",
                h.options().minLinkProbability(), h.options().minCommonness(),
                h.options().caseInsensitive() ? "case-insensitive" : "case-sensitive", h.options().maxMentionLength());
        out.printf(Locale.ROOT, "languages     %d: %s%n", h.languages().size(), h.languages());
        for (KbSource s : h.sources()) {
            out.printf(Locale.ROOT, "source        %s %s%s %s%n", s.kind(), s.name(),
                    s.sha256().isEmpty() ? "" : " sha256=" + s.sha256(), s.description());
        }
        for (Map.Entry<String, Map<String, Long>> c : h.counts().entrySet()) {
            out.printf(Locale.ROOT, "  %-8s %s%n", c.getKey(), c.getValue());
        }
        for (Map.Entry<String, String> n : h.notes().entrySet()) {
            out.printf(Locale.ROOT, "note          %s = %s%n", n.getKey(), n.getValue());
        }
        out.printf(Locale.ROOT, "%s in %.2f s%n", headerOnly ? "header read" : "loaded and verified (CRC-32C)", seconds);
        return 0;
    }
}
