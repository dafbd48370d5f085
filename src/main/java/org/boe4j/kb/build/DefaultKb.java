package org.boe4j.kb.build;

import org.boe4j.io.Boe4jHome;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbHeader;
import org.boe4j.kb.KbMerge;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.build.icu.IcuKbBuilder;
import org.boe4j.kb.build.wikidict.WikidictKbBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The default KB of {@code demo}, {@code experiment} and {@code kb entities} (docs/kb.md, "The default KB"): the ICU
 * names merged with the crosswikis dictionary, ICU taking precedence on shared surfaces ({@link KbMerge}), for the
 * languages asked for. Building it streams the 1 GB dictionary once (minutes); the result is cached in a file and
 * read back (seconds) while its header says it is this recipe for the same languages.
 */
public final class DefaultKb {

    /** The default file: {@code kb/default.boe4jkb} under the boe4j home ({@link org.boe4j.io.Boe4jHome}). */
    public static Path defaultFile() {
        return Boe4jHome.current().defaultKb();
    }
    /** Entity prior of the default KB: entities with at least this many anchor variants (docs/kb.md). */
    public static final int MIN_VARIANTS = 20;
    /** Header note that marks the recipe; bump the version when the recipe changes so caches rebuild. */
    static final String RECIPE_NOTE = "default.recipe";
    static final String RECIPE = "icu+wikidict(minVariants=" + MIN_VARIANTS + ") v1";

    private DefaultKb() {
    }

    /** Reads {@code file} when it holds this recipe for exactly these languages, else builds it and writes it there. */
    public static KnowledgeBase loadOrBuild(Path file, List<String> languages, PrintStream log) throws IOException {
        TreeSet<String> wanted = new TreeSet<>(languages);
        if (!wanted.contains("en")) {
            wanted.add("en"); // the English dictionary is part of every default KB (source language, precision)
        }
        if (Files.isRegularFile(file)) {
            try {
                KbHeader h = KbFile.readHeader(file);
                if (RECIPE.equals(h.notes().get(RECIPE_NOTE)) && new TreeSet<>(h.languages()).equals(wanted)) {
                    return KbFile.read(file);
                }
                log.println("the KB " + file + " is not the default KB for " + wanted + ": rebuilding it");
            } catch (IOException stale) {
                log.println("the KB " + file + " is unreadable (" + stale.getMessage() + "): rebuilding it");
            }
        }
        KnowledgeBase kb = build(new ArrayList<>(wanted), log);
        KbFile.write(kb, file);
        return kb;
    }

    /** Builds the default KB in memory. */
    public static KnowledgeBase build(List<String> languages, PrintStream log) throws IOException {
        log.println("building the default KB (ICU4J names + the crosswikis dictionary, minVariants " + MIN_VARIANTS
                + ") for " + languages + "; streams the 1 GB dictionary once");
        KnowledgeBase icu = IcuKbBuilder.build(IcuKbBuilder.Options.defaults().withLanguages(languages)).kb();
        KnowledgeBase dict = WikidictKbBuilder.build(null,
                WikidictKbBuilder.Options.defaults(languages).withMinVariants(MIN_VARIANTS), log);
        return KbMerge.merge(List.of(icu, dict)).withNote(RECIPE_NOTE, RECIPE);
    }
}
