package org.boe4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code multiconer:<dir>:<lang>:<split>}: MultiCoNER II CoNLL files as entity typing, one example per mention
 * ({@link MultiCoNer}). The official test sets are not public, so experiments test every language on its dev file,
 * and the languages of a directory are those with a {@code <lang>-dev.conll}.
 */
final class MultiCoNerFormat implements DatasetFormat {

    @Override
    public String name() {
        return "multiconer";
    }

    @Override
    public String title() {
        return "MultiCoNER II";
    }

    @Override
    public List<String> grammar() {
        return List.of("multiconer:<dir>:<lang>:<split>");
    }

    @Override
    public DatasetSpec parse(String spec, String rest) {
        return new DatasetSpec(name(), DatasetSpec.splitTail(rest, 3, spec), Map.of());
    }

    /** None: the reader names the missing {@code <lang>-<split>} file and the languages present. */
    @Override
    public List<Path> requiredFiles(DatasetSpec spec) {
        return List.of();
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        return MultiCoNer.read(Path.of(spec.parts().get(0)), spec.parts().get(1), spec.parts().get(2), policy);
    }

    @Override
    public Optional<String> directoryTemplate(Path dir) {
        return Optional.of(name() + ":" + dir + ":{lang}:{split}");
    }

    @Override
    public String testSplit() {
        return "dev";
    }

    @Override
    public boolean typingOnly() {
        return true;
    }

    @Override
    public boolean sourceTestIsDev() {
        return true;
    }

    @Override
    public boolean listsLanguages() {
        return true;
    }

    @Override
    public List<String> languages(Path dir) throws IOException {
        return MultiCoNer.languages(dir);
    }
}
