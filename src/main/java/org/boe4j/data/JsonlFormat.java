package org.boe4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code jsonl:<file>?text=F&label=F[&id=F][&labels=a,b][&multi=true][&lang=xx][&split=s]}: one JSON object per
 * line ({@link JsonlReader}); {@code multi=true} takes a list of labels per line.
 */
final class JsonlFormat extends LabelledFileFormat {

    JsonlFormat() {
        super(Set.of("text", "label", "id", "labels", "multi", "lang", "split"));
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String title() {
        return "JSON-lines file";
    }

    @Override
    public List<String> grammar() {
        return List.of("jsonl:<file>?text=<field>&label=<field>[&id=<field>][&labels=a,b][&multi=true][&lang=xx]"
                + "[&split=s]");
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        Path file = spec.file();
        JsonlReader.Options o = new JsonlReader.Options(spec.options().get("text"), spec.options().get("label"),
                spec.options().get("id"), spec.labels(),
                Boolean.parseBoolean(spec.options().getOrDefault("multi", "false")));
        return JsonlReader.read(DataFile.of(file), o, file.getFileName().toString(), spec.language(), spec.split(),
                policy);
    }
}
