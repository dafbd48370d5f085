package org.boe4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read a CSV or TSV file of labelled texts.
 *
 * @param delimiter      field separator ({@code ','} for CSV, {@code '\t'} for TSV)
 * @param header         whether the first record is a header naming the columns
 * @param text           the column holding the text
 * @param label          the column holding the label(s)
 * @param id             the column holding a row id, or null to use the line number
 * @param labelSeparator for multi-label data, the separator between labels inside the label column (each label
 *                       is trimmed); null for single-label data
 * @param labels         the accepted labels in order, or null to accept any and sort the ones seen
 * @param expectedHeader if not null, the exact header the file must have (a guard against a wrong file)
 */
public record DelimitedOptions(char delimiter, boolean header, ColumnRef text, ColumnRef label, ColumnRef id,
                               String labelSeparator, List<String> labels, List<String> expectedHeader) {

    public DelimitedOptions {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        labels = labels == null ? null : List.copyOf(labels);
        expectedHeader = expectedHeader == null ? null : List.copyOf(expectedHeader);
    }

    /** A headed file with named text and label columns, single label. */
    public static DelimitedOptions of(char delimiter, String textColumn, String labelColumn) {
        return new DelimitedOptions(delimiter, true, ColumnRef.named(textColumn), ColumnRef.named(labelColumn),
                null, null, null, null);
    }

    public DelimitedOptions withId(ColumnRef idColumn) {
        return new DelimitedOptions(delimiter, header, text, label, idColumn, labelSeparator, labels, expectedHeader);
    }

    public DelimitedOptions withLabels(List<String> fixedLabels) {
        return new DelimitedOptions(delimiter, header, text, label, id, labelSeparator, fixedLabels, expectedHeader);
    }

    public DelimitedOptions multiLabel(String separator) {
        return new DelimitedOptions(delimiter, header, text, label, id, separator, labels, expectedHeader);
    }

    public DelimitedOptions withoutHeader() {
        return new DelimitedOptions(delimiter, false, text, label, id, labelSeparator, labels, expectedHeader);
    }

    public DelimitedOptions expectingHeader(List<String> names) {
        return new DelimitedOptions(delimiter, true, text, label, id, labelSeparator, labels, names);
    }

    /** The delimiter a file name suggests: TAB for {@code .tsv}/{@code .tab}, comma otherwise. */
    public static char delimiterFor(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") ? '\t' : ',';
    }
}
