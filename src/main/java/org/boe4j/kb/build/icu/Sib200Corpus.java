package org.boe4j.kb.build.icu;

import org.boe4j.data.BadRowPolicy;
import org.boe4j.data.Example;
import org.boe4j.data.Sib200;
import org.boe4j.lang.Languages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parallel SIB-200 sentences a KB is measured on ({@link Sib200Precision}): the eight languages embedded in the
 * jar, or every SIB-200 language directory under a directory laid out like the release's {@code data/annotated/}
 * ({@code eng_Latn/}, {@code hin_Deva/}, ...; read by {@link Sib200}, so a bad row is an error naming file and line).
 * English must be present: it is what confirms a hit in another language.
 *
 * @param languages FLORES directory -> KB language, English first
 * @param root      the directory read, or null for the embedded copy
 */
public record Sib200Corpus(Map<String, String> languages, Path root) {

    static final String ENGLISH = "eng_Latn";

    /** The embedded copy (eight languages). */
    public static Sib200Corpus embedded() {
        return new Sib200Corpus(Sib200Text.LANGUAGES, null);
    }

    /** Every subdirectory of {@code root} holding a {@code test.tsv} whose name is a language boe4j knows. */
    public static Sib200Corpus directory(Path root) throws IOException {
        if (!Files.isDirectory(root.resolve(ENGLISH))) {
            throw new IOException(root + " has no " + ENGLISH + "/ directory: the aligned English sentences are what"
                    + " confirms an entity (expected a SIB-200 data/annotated/ layout, one directory per language)");
        }
        Map<String, String> languages = new LinkedHashMap<>();
        languages.put(ENGLISH, "en");
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve("test.tsv"))).sorted().toList()) {
                String name = d.getFileName().toString();
                if (!name.equals(ENGLISH)) {
                    Languages.find(name).ifPresent(l -> languages.put(name, l.kbLanguage()));
                }
            }
        }
        return new Sib200Corpus(languages, root);
    }

    /** index_id -> text of one split of one language, in file order. */
    Map<String, String> rows(String flores, String split) {
        if (root == null) {
            return Sib200Text.rows(flores, split);
        }
        try {
            List<Example> examples = Sib200.read(root.resolve(flores), split, BadRowPolicy.FAIL).examples();
            Map<String, String> out = new LinkedHashMap<>();
            examples.forEach(e -> out.put(e.id(), e.text()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
