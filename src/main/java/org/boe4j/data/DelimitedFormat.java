package org.boe4j.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code csv:<file>?text=C&label=C[&id=C][&labels=a,b][&multi=<sep>][&header=false][&lang=xx][&split=s]} and the
 * same with {@code tsv:} for TAB-separated files ({@link DelimitedReader}); columns are header names or {@code #n}.
 */
final class DelimitedFormat extends LabelledFileFormat {

    // before CSV and TSV: static fields are initialised in order, and their constructor reads it
    private static final Set<String> OPTIONS = Set.of("text", "label", "id", "labels", "multi", "header", "lang",
            "split");

    static final DelimitedFormat CSV = new DelimitedFormat("csv", ',');
    static final DelimitedFormat TSV = new DelimitedFormat("tsv", '\t');

    private final String name;
    private final char separator;

    private DelimitedFormat(String name, char separator) {
        super(OPTIONS);
        this.name = name;
        this.separator = separator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return name.toUpperCase(Locale.ROOT) + " file";
    }

    @Override
    public List<String> grammar() {
        return List.of(separator == ',' ? "csv:<file>?text=<col>&label=<col>[&id=<col>][&labels=a,b][&multi=<sep>]"
                + "[&header=false][&lang=xx][&split=s]" : name + ":<file>?...");
    }

    @Override
    public Dataset read(DatasetSpec spec, BadRowPolicy policy, PrintStream progress) throws IOException {
        Path file = spec.file();
        boolean header = Boolean.parseBoolean(spec.options().getOrDefault("header", "true"));
        DelimitedOptions o = new DelimitedOptions(separator, header, ColumnRef.parse(spec.options().get("text")),
                ColumnRef.parse(spec.options().get("label")),
                spec.options().containsKey("id") ? ColumnRef.parse(spec.options().get("id")) : null,
                spec.options().get("multi"), spec.labels(), null);
        return DelimitedReader.read(DataFile.of(file), o, file.getFileName().toString(), spec.language(), spec.split(),
                policy);
    }
}
