package org.boe4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sib200:<lang>:<split>} (the embedded copy, {@link Sib200#embedded}) or {@code sib200:<dir>:<split>} (a
 * language directory on disk, {@link Sib200#read}); in experiments {@code sib200:<root>} holds one directory per
 * language, named as SIB-200 names them ({@code eng_Latn}).
 */
final class Sib200Format implements DatasetFormat {

    @Override
    public String name() {
        return "sib200";
    }

    @Override
    public String title() {
        return "SIB-200";
    }

    @Override
    public List<String> grammar() {
        return List.of("sib200:<lang>:<split>", "sib200:<dir>:<split>");
    }

    @Override
    public DatasetSpec parse(String spec, String rest) {
        return new DatasetSpec(name(), DatasetSpec.splitTail(rest, 2, spec), Map.of());
    }

    /** A directory's split file; nothing for the embedded copy (which names the languages it has). */
    @Override
    public List<Path> requiredFiles(DatasetSpec spec) {
        String where = spec.parts().get(0);
        return where.contains("/") || where.contains("\\") ? List.of(Path.of(where, spec.parts().get(1) + ".tsv"))
                : List.of();
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        String where = spec.parts().get(0);
        Path dir = Path.of(where);
        if (Files.isDirectory(dir)) {
            return Sib200.read(dir, spec.parts().get(1), policy);
        }
        return Sib200.embedded(where, spec.parts().get(1), policy);
    }

    @Override
    public Optional<String> directoryTemplate(Path root) {
        return Optional.of(name() + ":" + root.resolve("{flores}") + ":{split}");
    }
}
