package org.boe4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads labelled texts from CSV or TSV with Commons CSV.
 *
 * <p>Quoting follows RFC 4180: a field that starts with {@code "} runs to the matching {@code "}, inner quotes are
 * doubled, and may contain delimiters and line breaks; a field that does not start with a quote is taken as is
 * (quotes inside it are literal). Nothing is trimmed: leading spaces, NBSP, ZWJ and other invisible characters in a
 * text are kept, because the tokenizer and the entity matcher must see exactly what the dataset holds.
 */
public final class DelimitedReader {

    private DelimitedReader() {
    }

    public static Dataset read(DataFile file, DelimitedOptions options, String datasetName, String language,
                               String split, BadRowPolicy policy) throws IOException {
        BadRowReport bad = new BadRowReport(policy);
        CSVFormat format = CSVFormat.Builder.create()
                .setDelimiter(options.delimiter())
                .setQuote('"')
                .setRecordSeparator("\n")
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setIgnoreEmptyLines(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
        List<Example> examples = new ArrayList<>();
        LabelSpace labels = new LabelSpace(options.labels());
        SourceFile source;
        try (Utf8Lines lines = new Utf8Lines(file)) {
            StrictUtf8Reader reader = new StrictUtf8Reader(lines, bad);
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                Iterator<CSVRecord> records = parser.iterator();
                List<String> header = null;
                int textCol;
                int labelCol;
                int idCol = -1;
                if (options.header()) {
                    CSVRecord h = next(records, file, reader, parser);
                    if (h == null) {
                        throw new BadRowException(new SourceLocation(file.name(), 1), "empty file, expected a header");
                    }
                    header = h.toList();
                    SourceLocation at = new SourceLocation(file.name(), reader.lineAt(h.getCharacterPosition()));
                    if (options.expectedHeader() != null && !header.equals(options.expectedHeader())) {
                        throw new BadRowException(at, "header " + header + ", expected " + options.expectedHeader());
                    }
                    textCol = column(options.text(), header, at, "text");
                    labelCol = column(options.label(), header, at, "label");
                    if (options.id() != null) {
                        idCol = column(options.id(), header, at, "id");
                    }
                } else {
                    textCol = options.text().index();
                    labelCol = options.label().index();
                    idCol = options.id() == null ? -1 : options.id().index();
                    if (textCol < 0 || labelCol < 0 || (options.id() != null && idCol < 0)) {
                        throw new IllegalArgumentException("a file without header needs columns by position (#n)");
                    }
                }
                int needed = Math.max(textCol, Math.max(labelCol, idCol)) + 1;
                Map<String, Long> idLines = new HashMap<>();
                CSVRecord r;
                while ((r = next(records, file, reader, parser)) != null) {
                    SourceLocation at = new SourceLocation(file.name(), reader.lineAt(r.getCharacterPosition()));
                    int expected = header != null ? header.size() : needed;
                    if (header != null ? r.size() != expected : r.size() < expected) {
                        bad.reject(at, "expected " + expected + " columns" + (header != null ? " " + header : "")
                                + ", found " + r.size());
                        continue;
                    }
                    String text = r.get(textCol);
                    if (Text.isBlank(text)) {
                        bad.reject(at, "empty text in column " + options.text());
                        continue;
                    }
                    List<String> rowLabels = splitLabels(r.get(labelCol), options.labelSeparator());
                    String problem = rowLabels.isEmpty() ? "empty label in column " + options.label() : null;
                    for (String l : rowLabels) {
                        if (problem == null && labels.check(l) != null) {
                            problem = labels.check(l) + " in column " + options.label();
                        }
                    }
                    if (problem != null) {
                        bad.reject(at, problem);
                        continue;
                    }
                    String id = idCol >= 0 ? r.get(idCol) : Long.toString(at.line());
                    Long first = idLines.putIfAbsent(id, at.line());
                    if (first != null) {
                        bad.reject(at, "duplicate id '" + id + "' (first at line " + first + ")");
                        continue;
                    }
                    rowLabels.forEach(labels::add);
                    examples.add(new Example(id, language, text, rowLabels, at));
                }
            }
            source = lines.finish();
        }
        return new Dataset(datasetName, language, split, labels.labels(), options.labelSeparator() != null,
                examples, List.of(source), "", bad);
    }

    private static int column(ColumnRef ref, List<String> header, SourceLocation at, String role)
            throws BadRowException {
        int i = ref.resolve(header);
        if (i < 0) {
            throw new BadRowException(at, "no " + role + " column " + ref + " in header " + header);
        }
        return i;
    }

    private static List<String> splitLabels(String field, String separator) {
        List<String> out = new ArrayList<>();
        if (separator == null) {
            if (!field.isEmpty()) {
                out.add(field);
            }
            return out;
        }
        for (String part : field.split(Pattern.quote(separator), -1)) {
            String l = part.trim();
            if (!l.isEmpty() && !out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * The next record, turning the iterator's unchecked wrapping back into our checked errors. A syntax error
     * (e.g. an unterminated quote) stops the read under either policy: after it the parser cannot tell where the
     * next record starts.
     */
    private static CSVRecord next(Iterator<CSVRecord> records, DataFile file, StrictUtf8Reader reader,
                                  CSVParser parser) throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BadRowException b) {
                throw b;
            }
            throw new BadRowException(new SourceLocation(file.name(), reader.physicalLine(parser.getCurrentLineNumber() + 1)),
                    "cannot parse CSV/TSV: " + e.getCause().getMessage());
        } catch (IllegalStateException e) {
            throw new BadRowException(new SourceLocation(file.name(), reader.physicalLine(parser.getCurrentLineNumber() + 1)),
                    "cannot parse CSV/TSV: " + e.getMessage());
        }
    }
}
