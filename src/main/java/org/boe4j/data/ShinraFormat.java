package org.boe4j.data;

import org.boe4j.io.Progress;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code shinra:<annotations>?dump=<dump>[&max-text-chars=N][&truncated-dump=allow][&lang=xx][&split=s]}: a
 * SHINRA2020-ML annotation file ({@link Shinra}) whose pages get their text from a Wikipedia dump of the same language
 * ({@link DumpPageTexts}), each text cut to {@code max-text-chars} (0 or absent: whole pages). SHINRA2020-ML has no
 * English test set: an experiment scores the source language on its dev set, the paper's 5% of train.
 */
final class ShinraFormat implements DatasetFormat {

    static final String DUMP = "dump";
    static final String MAX_TEXT_CHARS = "max-text-chars";
    static final String TRUNCATED_DUMP = "truncated-dump";

    private static final Set<String> OPTIONS = Set.of(DUMP, MAX_TEXT_CHARS, TRUNCATED_DUMP, "lang", "split");

    @Override
    public String name() {
        return "shinra";
    }

    @Override
    public String title() {
        return "SHINRA2020-ML";
    }

    @Override
    public List<String> grammar() {
        return List.of("shinra:<annotations>?dump=<dump>[&max-text-chars=N][&truncated-dump=allow][&lang=xx]"
                + "[&split=s]");
    }

    @Override
    public DatasetSpec parse(String spec, String rest) {
        DatasetSpec s = DatasetSpec.fileWithOptions(name(), spec, rest, OPTIONS, List.of(DUMP), "dump=<dump>");
        String chars = s.options().getOrDefault(MAX_TEXT_CHARS, "0");
        if (!chars.matches("[0-9]{1,9}")) {
            throw DatasetSpec.malformed(spec, MAX_TEXT_CHARS + "=" + chars + " is not a number of characters >= 0");
        }
        String truncated = s.options().get(TRUNCATED_DUMP);
        if (truncated != null && !truncated.equals("allow")) {
            throw DatasetSpec.malformed(spec, TRUNCATED_DUMP + "=" + truncated + ": expected allow (or no option)");
        }
        return s;
    }

    @Override
    public List<Path> requiredFiles(DatasetSpec spec) {
        return List.of(spec.file(), dump(spec));
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        Path file = spec.file();
        Path dumpFile = dump(spec);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file + ": no such file (SHINRA2020-ML annotations of language '"
                    + spec.language() + "')");
        }
        int maxTextChars = Integer.parseInt(spec.options().getOrDefault(MAX_TEXT_CHARS, "0"));
        DumpPageTexts pages;
        try (Progress p = new Progress("reading " + dumpFile.getFileName(), Files.size(dumpFile), "bytes", progress)) {
            pages = DumpPageTexts.read(dumpFile, DumpPageTexts.Wanted.of(file), maxTextChars,
                    spec.options().containsKey(TRUNCATED_DUMP), p);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(dumpFile + ": no such file (the Wikipedia dump of language '"
                    + spec.language() + "' for SHINRA2020-ML page texts)");
        }
        progress.printf(Locale.ROOT, "%s: %d articles, %d of the annotated pages found by id%n", dumpFile,
                pages.articlesRead(), pages.pagesKeptById());
        return Shinra.read(DataFile.of(file), spec.language(), spec.split(), pages, policy, maxTextChars);
    }

    @Override
    public DatasetSpec forLanguage(DatasetSpec spec, String language, String split) {
        return spec.withLanguageAndSplit(language, split);
    }

    @Override
    public boolean typingOnly() {
        return true;
    }

    @Override
    public boolean sourceTestIsDev() {
        return true;
    }

    private static Path dump(DatasetSpec spec) {
        return Path.of(spec.options().get(DUMP));
    }
}
