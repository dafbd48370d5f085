package org.boe4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One dataset format behind the {@code <name>:...} strings of {@link DatasetSpec}, one class per format (as Tribuo
 * gives each input format its own {@code DataSource}): it names itself, parses the part of a spec after its name,
 * names the files a spec must find, and reads the examples. The formats are listed in {@link DatasetFormats}; adding
 * one is a new class and one line there, and the grammar in error messages and in {@code boe4j experiment --help}
 * follows.
 *
 * <p>The defaults below describe the dataset as an experiment sees it (split names, whether it is entity typing,
 * which languages a directory holds); they are facts of the published data, not settings.
 */
public interface DatasetFormat {

    /** The prefix of its specs, before the first ':' ({@code sib200}, {@code mldoc}, ...). */
    String name();

    /** What the data is, for messages ({@code MultiCoNER II}). */
    String title();

    /** The spec forms this format accepts, one per entry, e.g. {@code mldoc:<dir>:<lang>:<split>}. */
    List<String> grammar();

    /**
     * Parses {@code rest}, the spec after {@code name() + ":"}. A malformed spec throws
     * {@link DatasetSpec#malformed(String, String)}, which names the expected grammar.
     */
    DatasetSpec parse(String spec, String rest);

    /**
     * The files the spec must find, checked before reading so that a missing one is reported with the language and
     * split an experiment expanded the spec for; empty when the reader names a missing file better itself (or reads
     * embedded data).
     */
    List<Path> requiredFiles(DatasetSpec spec);

    /** Reads the split the spec names; {@code progress} receives progress lines of long reads. */
    Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException;

    /**
     * The spec for one language and split of an experiment. Formats whose language and split are fields of the spec
     * keep it; the file formats (csv, tsv, jsonl) add {@code lang=} and {@code split=} when the spec does not set them.
     *
     * @param language the language's code ({@code fr})
     */
    default DatasetSpec forLanguage(DatasetSpec spec, String language, String split) {
        return spec;
    }

    /**
     * The experiment template of the short form {@code <name>:<dir>} ({@code {lang}}, {@code {flores}},
     * {@code {mldoc}} and {@code {split}} filled in per run), or empty when the format has no directory layout.
     */
    default Optional<String> directoryTemplate(Path dir) {
        return Optional.empty();
    }

    /** The split an experiment trains on. */
    default String trainSplit() {
        return "train";
    }

    /** The split every language is tested on. */
    default String testSplit() {
        return "test";
    }

    /**
     * True when the examples are entity typing (several labels per example, one example per mention or page), so an
     * experiment defaults to {@code --task typing} and refuses {@code --task doc}.
     */
    default boolean typingOnly() {
        return false;
    }

    /** True when the source language's test column is its dev set (the data has no public test set). */
    default boolean sourceTestIsDev() {
        return false;
    }

    /**
     * True when {@link #languages} can list the languages of a directory, so that an experiment's default targets are
     * the languages present rather than the paper's.
     */
    default boolean listsLanguages() {
        return false;
    }

    /** The languages {@code dir} holds data of (the default targets of an experiment); see {@link #listsLanguages}. */
    default List<String> languages(Path dir) throws IOException {
        return List.of();
    }
}
