package org.boe4j.data;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every {@link DatasetFormat}, in the order the grammar lists them. A new format is one more line here. */
public final class DatasetFormats {

    private static final List<DatasetFormat> ALL = List.of(
            new Sib200Format(),
            new MlDocFormat(),
            new MultiCoNerFormat(),
            DelimitedFormat.CSV,
            DelimitedFormat.TSV,
            new JsonlFormat(),
            new ShinraFormat());

    private DatasetFormats() {
    }

    public static List<DatasetFormat> all() {
        return ALL;
    }

    public static Optional<DatasetFormat> find(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every accepted spec form, separated by {@code " | "}: the grammar error messages name. */
    public static String grammar() {
        return ALL.stream().flatMap(f -> f.grammar().stream()).collect(Collectors.joining(" | "));
    }

    /** The names, for "expected one of" messages. */
    public static List<String> names() {
        return ALL.stream().map(DatasetFormat::name).toList();
    }
}
