package org.boe4j.cli;

import org.boe4j.kb.Candidate;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;
import org.boe4j.kb.build.DefaultKb;
import org.boe4j.kb.build.icu.Sib200Text;
import org.boe4j.lang.Languages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code boe4j kb entities --lang ja "text"}: every mention with offsets, candidates and English mapping. */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "Find entity mentions in a text: UTF-16 offsets, candidates (p(e|m)), English entities.")
public final class KbEntitiesCommand implements Callable<Integer> {

    @Option(names = "--lang", required = true, description = "language of the text (ja, jpn, jpn_Jpan, ...)")
    String lang;

    @Option(names = "--kb", description = "KB file (default: kb/default.boe4jkb, the default KB; built there on first use,"
            + " which streams the 1 GB crosswikis dictionary once)")
    Path kbFile;

    @Parameters(index = "0", description = "the text")
    String text;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String language = Languages.kbLanguage(lang);
        KnowledgeBase kb;
        if (kbFile != null) {
            kb = KbFile.read(kbFile);
        } else {
            TreeSet<String> langs = new TreeSet<>(Sib200Text.LANGUAGES.values());
            langs.add(language);
            kb = DefaultKb.loadOrBuild(DefaultKb.defaultFile(), List.copyOf(langs), System.err);
        }
        MentionExtractor x = kb.extractor(language);
        List<Mention> local = x.findLocal(text);
        List<Mention> english = x.find(text);
        out.printf(Locale.ROOT, "%d mentions (%d with an English entity)%n", local.size(), english.size());
        for (Mention m : local) {
            out.printf(Locale.ROOT, "[%d, %d) \"%s\" lp=%.4f%n", m.start(), m.end(), m.surface(), m.linkProbability());
            for (Candidate c : m.candidates()) {
                String en = kb.toEnglish(language, c.entity());
                out.printf(Locale.ROOT, "    %-40s p(e|m)=%.4f  ->  %s%n", c.entity(), c.commonness(),
                        en == null ? "(no English entity: dropped)" : "en:" + en);
            }
        }
        return 0;
    }
}
