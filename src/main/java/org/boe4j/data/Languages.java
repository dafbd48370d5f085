package org.boe4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages of the paper under their three spellings: ISO 639-1 ({@code en}, used in reports and by the
 * paper's tables), the FLORES-200/SIB-200 code ({@code eng_Latn}, the data directory names) and the MLDoc file
 * prefix ({@code english}). Languages outside this list still work: their code is used as given.
 */
public final class Languages {

    /** One language's three names. */
    public record Language(String iso, String flores, String mldoc) {
    }

    /** English first, then the paper's MLDoc target languages in the paper's column order. */
    public static final List<Language> PAPER = List.of(
            new Language("en", "eng_Latn", "english"),
            new Language("fr", "fra_Latn", "french"),
            new Language("de", "deu_Latn", "german"),
            new Language("ja", "jpn_Jpan", "japanese"),
            new Language("zh", "zho_Hans", "chinese"),
            new Language("it", "ita_Latn", "italian"),
            new Language("ru", "rus_Cyrl", "russian"),
            new Language("es", "spa_Latn", "spanish"),
            // SHINRA2020-ML's extra target languages
            new Language("hi", "hin_Deva", "hindi"),
            new Language("th", "tha_Thai", "thai"),
            new Language("ar", "arb_Arab", "arabic"));

    private Languages() {
    }

    /** Finds a language by any of its three names (case-insensitive). */
    public static Optional<Language> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Language l : PAPER) {
            if (l.iso.equals(n) || l.flores.toLowerCase(Locale.ROOT).equals(n) || l.mldoc.equals(n)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The ISO 639-1 code of a known language, otherwise the name unchanged (e.g. {@code swh_Latn}). */
    public static String iso(String name) {
        return find(name).map(Language::iso).orElse(name);
    }

    /** The SIB-200 directory name of a known language, otherwise the name unchanged. */
    public static String flores(String name) {
        return find(name).map(Language::flores).orElse(name);
    }
}
