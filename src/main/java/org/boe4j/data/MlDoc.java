package org.boe4j.data;

import org.boe4j.lang.Language;
import org.boe4j.lang.Languages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MLDoc (Schwenk and Li, 2018; Reuters RCV1/RCV2 news, 4 topics). The corpus is licensed and not shipped; this
 * reads the files its generation script writes: {@code <language>.<split>} such as {@code english.train.1000},
 * {@code english.dev}, {@code french.test}, one document per line as {@code LABEL<TAB>text}. Only the first TAB
 * separates; the text is kept exactly as it is (not trimmed).
 */
public final class MlDoc {

    public static final String NAME = "mldoc";
    public static final List<String> LABELS = List.of("CCAT", "ECAT", "GCAT", "MCAT");

    private MlDoc() {
    }

    /** The file for a language (any spelling: {@code fr}, {@code french}) and split in an MLDoc directory. */
    public static Path file(Path dir, String language, String split) throws FileNotFoundException {
        String prefix = Languages.find(language).map(Language::mldoc)
                .orElse(language.toLowerCase(Locale.ROOT));
        Path f = dir.resolve(prefix + "." + split);
        if (!Files.exists(f)) {
            throw new FileNotFoundException(f + " (MLDoc files are named <language>.<split>, e.g. english.train.1000,"
                    + " english.dev, french.test)");
        }
        return f;
    }

    public static Dataset read(Path dir, String language, String split, BadRowPolicy policy) throws IOException {
        return read(file(dir, language, split), policy);
    }

    /** Reads one MLDoc file; language and split come from its name ({@code english.train.1000}). */
    public static Dataset read(Path file, BadRowPolicy policy) throws IOException {
        String fileName = file.getFileName().toString();
        int dot = fileName.indexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            throw new IllegalArgumentException(file + ": MLDoc file names are <language>.<split>, e.g. english.dev");
        }
        String language = Languages.code(fileName.substring(0, dot));
        String split = fileName.substring(dot + 1);
        return read(DataFile.of(file), language, split, policy);
    }

    public static Dataset read(DataFile file, String language, String split, BadRowPolicy policy)
            throws IOException {
        BadRowReport bad = new BadRowReport(policy);
        LabelSpace labels = new LabelSpace(LABELS);
        List<Example> examples = new ArrayList<>();
        SourceFile source;
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                SourceLocation at = new SourceLocation(file.name(), line.number());
                if (line.isMalformed()) {
                    bad.reject(at, line.malformed());
                    continue;
                }
                String s = line.text();
                if (s.isEmpty()) {
                    continue; // a trailing empty line is not a document
                }
                int tab = s.indexOf('\t');
                if (tab < 0) {
                    bad.reject(at, "expected LABEL<TAB>text, found no TAB in '" + Text.excerpt(s) + "'");
                    continue;
                }
                String label = s.substring(0, tab);
                String text = s.substring(tab + 1);
                String problem = labels.check(label);
                if (problem != null) {
                    bad.reject(at, problem);
                    continue;
                }
                if (Text.isBlank(text)) {
                    bad.reject(at, "empty text");
                    continue;
                }
                examples.add(new Example(Long.toString(line.number()), language, text, List.of(label), at));
            }
            source = lines.finish();
        }
        return new Dataset(NAME, language, split, labels.labels(), false, examples, List.of(source), "", bad);
    }
}
