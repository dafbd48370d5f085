package org.boe4j.data;

import org.boe4j.lang.Languages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SIB-200 topic classification (7 topics; 701 train / 99 dev / 204 test sentences per language, the same
 * sentences in every language). Eight languages are embedded as resources; any other SIB-200 language directory
 * ({@code data/annotated/<lang>/} of the SIB-200 release) is read the same way from disk.
 *
 * <p>Layout of a language directory: {@code train.tsv}, {@code dev.tsv}, {@code test.tsv}, each with the header
 * {@code index_id<TAB>category<TAB>text}, RFC-4180 quoting for fields containing {@code "}; and optionally
 * {@code labels.txt}, one topic per line, which fixes the label order (otherwise {@link #LABELS}).
 */
public final class Sib200 {

    public static final String NAME = "sib200";

    /** The topics in the order of the release's {@code labels.txt}. */
    public static final List<String> LABELS = List.of("science/technology", "travel", "politics", "sports",
            "health", "entertainment", "geography");

    public static final List<String> SPLITS = List.of("train", "dev", "test");

    /** The SIB-200 directories embedded in boe4j: English and the paper's seven MLDoc target languages. */
    public static final List<String> EMBEDDED = List.of("eng_Latn", "fra_Latn", "deu_Latn", "jpn_Jpan",
            "zho_Hans", "ita_Latn", "rus_Cyrl", "spa_Latn");

    static final List<String> HEADER = List.of("index_id", "category", "text");
    private static final String RESOURCE_ROOT = "org/boe4j/data/sib200/";

    private Sib200() {
    }

    /** An embedded split; the language may be given as {@code es}, {@code spa_Latn} or {@code spanish}. */
    public static Dataset embedded(String language, String split, BadRowPolicy policy) throws IOException {
        String dir = Languages.flores(language);
        if (!EMBEDDED.contains(dir)) {
            throw new IllegalArgumentException("SIB-200 language '" + language + "' is not embedded (embedded: "
                    + EMBEDDED + "); give the path of its SIB-200 directory instead");
        }
        checkSplit(split);
        List<String> labels = readLabels(DataFile.resource(RESOURCE_ROOT + dir + "/labels.txt"));
        return read(DataFile.resource(RESOURCE_ROOT + dir + "/" + split + ".tsv"), dir, split, labels, policy);
    }

    /** A split from a SIB-200 language directory on disk, e.g. {@code .../data/annotated/swh_Latn}. */
    public static Dataset read(Path languageDir, String split, BadRowPolicy policy) throws IOException {
        checkSplit(split);
        Path labelsFile = languageDir.resolve("labels.txt");
        List<String> labels = Files.exists(labelsFile) ? readLabels(DataFile.of(labelsFile)) : LABELS;
        Path tsv = languageDir.resolve(split + ".tsv");
        if (!Files.exists(tsv)) {
            throw new FileNotFoundException(tsv + " (a SIB-200 language directory holds train.tsv, "
                    + "dev.tsv and test.tsv)");
        }
        return read(DataFile.of(tsv), languageDir.getFileName().toString(), split, labels, policy);
    }

    private static Dataset read(DataFile file, String dirName, String split, List<String> labels,
                                BadRowPolicy policy) throws IOException {
        DelimitedOptions options = DelimitedOptions.of('\t', "text", "category")
                .withId(ColumnRef.named("index_id"))
                .withLabels(labels)
                .expectingHeader(HEADER);
        return DelimitedReader.read(file, options, NAME, Languages.code(dirName), split, policy);
    }

    private static void checkSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("SIB-200 split '" + split + "', expected one of " + SPLITS);
        }
    }

    /** One label per non-empty line; malformed UTF-8 or a repeated label is an error. */
    static List<String> readLabels(DataFile file) throws IOException {
        List<String> labels = new ArrayList<>();
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                SourceLocation at = new SourceLocation(file.name(), line.number());
                if (line.isMalformed()) {
                    throw new BadRowException(at, line.malformed());
                }
                String l = line.text().strip();
                if (l.isEmpty()) {
                    continue;
                }
                if (labels.contains(l)) {
                    throw new BadRowException(at, "label '" + l + "' listed twice");
                }
                labels.add(l);
            }
        }
        if (labels.isEmpty()) {
            throw new BadRowException(new SourceLocation(file.name(), 1), "no labels listed");
        }
        return labels;
    }
}
