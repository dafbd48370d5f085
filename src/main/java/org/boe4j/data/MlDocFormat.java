package org.boe4j.data;

import org.boe4j.lang.Language;
import org.boe4j.lang.Languages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mldoc:<dir>:<lang>:<split>}: the MLDoc files {@code <language>.<split>} in {@code dir} ({@link MlDoc});
 * experiments train on {@code train.1000}, the paper's setting.
 */
final class MlDocFormat implements DatasetFormat {

    @Override
    public String name() {
        return "mldoc";
    }

    @Override
    public String title() {
        return "MLDoc";
    }

    @Override
    public List<String> grammar() {
        return List.of("mldoc:<dir>:<lang>:<split>");
    }

    @Override
    public DatasetSpec parse(String spec, String rest) {
        return new DatasetSpec(name(), DatasetSpec.splitTail(rest, 3, spec), Map.of());
    }

    @Override
    public List<Path> requiredFiles(DatasetSpec spec) {
        String language = spec.parts().get(1);
        return List.of(Path.of(spec.parts().get(0), Languages.find(language).map(Language::mldoc).orElse(language)
                + "." + spec.parts().get(2)));
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        return MlDoc.read(Path.of(spec.parts().get(0)), spec.parts().get(1), spec.parts().get(2), policy);
    }

    @Override
    public Optional<String> directoryTemplate(Path dir) {
        return Optional.of(name() + ":" + dir + ":{lang}:{split}");
    }

    @Override
    public String trainSplit() {
        return "train.1000";
    }
}
