package org.boe4j.data;

import org.boe4j.lang.Languages;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * MultiCoNER II (SemEval-2023 Task 2; Fetahu et al., 2023; CC BY 4.0) read as zero-shot entity typing: one example
 * per gold mention, the document {@link MentionDocument mention [SEP] sentence}, the labels the mention's fine type
 * and its group ({@link MultiCoNerTypes}, 39 labels, multi-label).
 *
 * <p>Directory layout (as the official release): {@code <lang>-train*.conll} (all
 * of them, in name order, e.g. {@code en-train90.conll} + {@code en-train10.conll}) is a language's train split,
 * {@code <lang>-dev.conll} its dev split, any other split {@code s} is {@code <lang>-s.conll}. The official test
 * sets are not public, so the experiment tests every target language on its dev file ({@link #languages} lists the
 * languages present).
 *
 * <p>Format (CoNLL): a sentence starts with {@code # id <id>} optionally followed by TAB and {@code domain=<lang>},
 * then one line per token {@code token _ _ TAG} (BIO tags over the 33 fine types), then a blank line. A sentence id
 * that occurs again in the same split with the same tokens and tags is dropped (the release repeats some; they are
 * counted in the dataset's derivation); the same id with different content, a malformed line, an unknown type or an
 * {@code I-} tag that does not continue a mention is a bad row at its line, and the whole sentence goes.
 */
public final class MultiCoNer {

    public static final String NAME = "multiconer2";
    public static final String EXTENSION = ".conll";

    private static final String HEADER = "# id ";

    /** One sentence as read: its id, tokens, BIO tags and where its header line is. */
    public record Sentence(String id, List<String> tokens, List<String> tags, SourceLocation source) {
        public Sentence {
            tokens = List.copyOf(tokens);
            tags = List.copyOf(tags);
        }

        boolean sameContent(Sentence other) {
            return tokens.equals(other.tokens) && tags.equals(other.tags);
        }
    }

    private MultiCoNer() {
    }

    /** The files of a language's split, in name order; none is an error naming what was looked for. */
    public static List<Path> files(Path dir, String language, String split) throws IOException {
        String code = Languages.code(language);
        List<Path> found = new ArrayList<>();
        if (split.equals("train")) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(code + "-train") && n.endsWith(EXTENSION) && Files.isRegularFile(p);
                }).sorted().forEach(found::add);
            }
        } else if (Files.isRegularFile(dir.resolve(code + "-" + split + EXTENSION))) {
            found.add(dir.resolve(code + "-" + split + EXTENSION));
        }
        if (found.isEmpty()) {
            String wanted = split.equals("train") ? code + "-train*" + EXTENSION : code + "-" + split + EXTENSION;
            throw new FileNotFoundException(dir.resolve(wanted) + ": no such file (the " + split + " split of"
                    + " language '" + language + "' in MultiCoNER directory " + dir + "; present: "
                    + languages(dir) + ")");
        }
        return found;
    }

    /** The language codes with a {@code <lang>-dev.conll} in dir, sorted: the languages that can be tested. */
    public static List<String> languages(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-dev" + EXTENSION) && n.length() > ("-dev" + EXTENSION).length())
                    .forEach(n -> out.add(n.substring(0, n.length() - ("-dev" + EXTENSION).length())));
        }
        return List.copyOf(out);
    }

    public static Dataset read(Path dir, String language, String split, BadRowPolicy policy) throws IOException {
        return read(files(dir, language, split).stream().map(DataFile::of).toList(), Languages.code(language), split,
                policy);
    }

    /** Reads the files of one split (in the order given) as entity-typing examples. */
    public static Dataset read(List<DataFile> files, String language, String split, BadRowPolicy policy)
            throws IOException {
        BadRowReport bad = new BadRowReport(policy);
        List<SourceFile> sources = new ArrayList<>();
        Map<String, Sentence> byId = new HashMap<>();
        List<Example> examples = new ArrayList<>();
        int repeated = 0;
        int sentences = 0;
        for (DataFile file : files) {
            List<Sentence> read = new ArrayList<>();
            sources.add(sentences(file, language, bad, read));
            for (Sentence s : read) {
                Sentence first = byId.putIfAbsent(s.id(), s);
                if (first != null) {
                    if (!first.sameContent(s)) {
                        bad.reject(s.source(), "sentence id " + s.id() + " repeated with different tokens or tags"
                                + " (first at " + first.source() + ")");
                    }
                    repeated++;
                    continue;
                }
                sentences++;
                examples.addAll(examples(s, language));
            }
        }
        String how = String.format(Locale.ROOT, "%d sentences, one example per gold mention (mention [SEP] sentence;"
                + " labels: fine type + group)%s", sentences,
                repeated == 0 ? "" : "; " + repeated + " repeated sentence ids dropped");
        return new Dataset(NAME, language, split, MultiCoNerTypes.LABELS, true, examples, sources, how, bad);
    }

    /** The examples of one sentence: one per mention, in sentence order, ids {@code <sentence id>#<k>} from 1. */
    public static List<Example> examples(Sentence s, String language) {
        int[] starts = new int[s.tokens().size() + 1];
        String sentence = SentenceText.join(s.tokens(), starts);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < s.tags().size(); i++) {
            if (!s.tags().get(i).startsWith("B-")) {
                continue;
            }
            int end = i + 1;
            while (end < s.tags().size() && s.tags().get(end).startsWith("I-")) {
                end++;
            }
            String fine = s.tags().get(i).substring(2);
            String mention = sentence.substring(starts[i], SentenceText.end(s.tokens(), starts, end));
            SourceLocation at = new SourceLocation(s.source().file(), s.source().line() + 1 + i);
            out.add(new Example(s.id() + "#" + (out.size() + 1), language, MentionDocument.text(mention, sentence),
                    List.of(MultiCoNerTypes.groupOf(fine), fine), at));
        }
        return out;
    }

    /**
     * Reads the sentences of one file into {@code out}; returns the file's checksum. A sentence with a bad line is
     * rejected at that line and left out as a whole (the rest of it is skipped up to the next blank line or header).
     */
    static SourceFile sentences(DataFile file, String language, BadRowReport bad, List<Sentence> out)
            throws IOException {
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Utf8Lines.Line line;
            String id = null;
            SourceLocation headerAt = null;
            boolean rejected = false;
            List<String> tokens = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            while (true) {
                line = lines.next();
                boolean header = line != null && !line.isMalformed() && line.text().startsWith(HEADER);
                boolean blank = line != null && !line.isMalformed() && Text.isBlank(line.text());
                if (line == null || header || blank) { // the open sentence ends
                    if (id != null && !rejected) {
                        if (tokens.isEmpty()) {
                            bad.reject(headerAt, "sentence " + id + " has no token lines");
                        } else {
                            out.add(new Sentence(id, tokens, tags, headerAt));
                        }
                    }
                    id = null;
                    rejected = false;
                    tokens = new ArrayList<>();
                    tags = new ArrayList<>();
                }
                if (line == null) {
                    break;
                }
                SourceLocation at = new SourceLocation(file.name(), line.number());
                if (blank) {
                    continue;
                }
                if (header) {
                    headerAt = at;
                    String problem = null;
                    String rest = line.text().substring(HEADER.length());
                    int tab = rest.indexOf('\t');
                    id = (tab < 0 ? rest : rest.substring(0, tab)).strip();
                    String domain = tab < 0 ? null : rest.substring(tab + 1).strip();
                    if (id.isEmpty()) {
                        problem = "empty sentence id; expected '# id <id><TAB>domain=<lang>'";
                    } else if (domain != null && !domain.isEmpty() && !domain.equals("domain=" + language)) {
                        problem = "header says '" + Text.excerpt(domain) + "' in a file of language '" + language
                                + "'; expected domain=" + language;
                    }
                    if (problem != null) {
                        bad.reject(at, problem);
                        rejected = true;
                    }
                    continue;
                }
                if (id == null) {
                    bad.reject(at, line.isMalformed() ? line.malformed()
                            : "a token line outside a sentence: expected '# id <id><TAB>domain=<lang>' first, found '"
                            + Text.excerpt(line.text()) + "'");
                    continue; // the next header starts afresh
                }
                if (rejected) {
                    continue;
                }
                String problem = line.isMalformed() ? line.malformed()
                        : tokenLine(line.text(), tags.isEmpty() ? "O" : tags.get(tags.size() - 1), tokens, tags);
                if (problem != null) {
                    bad.reject(at, problem + " (sentence " + id + ")");
                    rejected = true;
                }
            }
            return lines.finish();
        }
    }

    /** Parses {@code token _ _ TAG} onto tokens/tags; returns the problem, or null. */
    private static String tokenLine(String s, String previousTag, List<String> tokens, List<String> tags) {
        String[] f = s.split(" ", -1);
        if (f.length < 4 || !f[f.length - 2].equals("_") || !f[f.length - 3].equals("_")) {
            return "expected 'token _ _ TAG' (4 fields separated by single spaces), found '" + Text.excerpt(s) + "'";
        }
        String token = String.join(" ", Arrays.copyOf(f, f.length - 3));
        String tag = f[f.length - 1];
        if (token.isEmpty() || Text.isBlank(token)) {
            return "empty token in '" + Text.excerpt(s) + "'";
        }
        if (!tag.equals("O")) {
            if (tag.length() < 3 || !(tag.startsWith("B-") || tag.startsWith("I-"))) {
                return "tag '" + Text.excerpt(tag) + "' is not O, B-<type> or I-<type>";
            }
            String type = tag.substring(2);
            if (MultiCoNerTypes.groupOf(type) == null) {
                return "unknown type '" + Text.excerpt(type) + "' in tag '" + Text.excerpt(tag) + "', expected one of "
                        + MultiCoNerTypes.fineTypes();
            }
            if (tag.startsWith("I-") && !previousTag.substring(Math.min(2, previousTag.length())).equals(type)) {
                return "tag " + tag + " does not continue a mention (previous tag " + previousTag + "; expected B-"
                        + type + " or I-" + type + " before it)";
            }
        }
        tokens.add(token);
        tags.add(tag);
        return null;
    }
}
