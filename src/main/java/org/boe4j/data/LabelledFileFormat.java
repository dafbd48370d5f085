package org.boe4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the formats of one labelled file share ({@code <name>:<file>?text=...&label=...}: csv, tsv, jsonl): the spec is
 * a file with options, {@code text} and {@code label} required; the file must exist; an experiment adds {@code lang=}
 * and {@code split=} when the spec does not set them.
 */
abstract class LabelledFileFormat implements DatasetFormat {

    private final Set<String> options;

    /** @param options the keys the format accepts after {@code ?} */
    LabelledFileFormat(Set<String> options) {
        this.options = options;
    }

    @Override
    public DatasetSpec parse(String spec, String rest) {
        return DatasetSpec.fileWithOptions(name(), spec, rest, options, List.of("text", "label"),
                "text=...&label=...");
    }

    @Override
    public List<Path> requiredFiles(DatasetSpec spec) {
        return List.of(spec.file());
    }

    @Override
    public DatasetSpec forLanguage(DatasetSpec spec, String language, String split) {
        return spec.withLanguageAndSplit(language, split);
    }
}
