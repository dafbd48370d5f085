package org.boe4j.lang;

import com.ibm.icu.util.ULocale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one language mapping of boe4j: every SIB-200 directory ({@code kor_Hang}), ISO 639-1 ({@code ko}),
 * ISO 639-2/3 ({@code kor}), BCP 47 tags ({@code zh-Hant-TW}) and MLDoc file prefixes ({@code korean}) resolve to
 * one {@link Language}. The only list kept here is the names of the 205 SIB-200 directories (resource
 * {@code sib200-languages.txt}); everything else is ICU4J's locale data (CLDR):
 *
 * <ul>
 * <li><b>KB language</b> = the language subtag of {@link ULocale#createCanonical} of the directory's ISO 639-3 code.
 *     CLDR's alias table maps three-letter codes to their two-letter form ({@code kor} -> {@code ko}) and
 *     individual languages to their macrolanguage where CLDR treats them as one ({@code arb} -> {@code ar},
 *     {@code swh} -> {@code sw}, {@code pes} -> {@code fa}, {@code zsm} -> {@code ms}, {@code khk} -> {@code mn});
 *     where CLDR keeps an individual language ({@code arz} Egyptian Arabic, {@code ary}, {@code ars}, {@code acm}),
 *     so do we: it is then its own KB language, whose ICU names are few or none.</li>
 * <li><b>Code</b> (reports, dataset language) = that language, plus the script when it differs from ICU's likely
 *     script for the language ({@code zho_Hant} -> {@code zh-Hant}, {@code arb_Latn} -> {@code ar-Latn}; Hangul
 *     counts as Korean's usual script, ICU's likely script being Kore = Hangul + Han), plus the region an alias
 *     brings ({@code prs} Dari -> {@code fa-AF}).</li>
 * <li><b>Two directories with one code</b>: CLDR merged two SIB-200 languages ({@code ajp} South Levantine into
 *     {@code apc} Levantine Arabic; {@code twi} into {@code ak} Akan). The directory whose own code is the merged
 *     language keeps the code; the other is reported under its own ISO code ({@code ajp}, {@code tw}), while both
 *     share the KB language.</li>
 * </ul>
 *
 * <p>Lookup order for a name (case-insensitive): a directory name; a code; a directory's ISO 639-3 code (the
 * directory in the language's usual script: {@code zho} -> {@code zho_Hans}, {@code ace} -> {@code ace_Latn}); an
 * MLDoc prefix; finally any ICU locale id, canonicalised and maximised ({@code zh-TW} -> Hant -> {@code zho_Hant},
 * {@code ara} -> {@code ar} -> {@code arb_Arab}, {@code iw} -> {@code he}). A name ICU cannot parse is unknown.
 */
public final class Languages {

    private static final Pattern FLORES = Pattern.compile("[a-z]{3}_[A-Z][a-z]{3}");
    private static final String RESOURCE = "sib200-languages.txt";

    /** The 205 SIB-200 languages, in directory-name order. */
    private static final List<Language> SIB200;
    private static final Map<String, Language> BY_FLORES = new HashMap<>();
    private static final Map<String, Language> BY_CODE = new HashMap<>();

    static {
        List<String> dirs = readDirectoryNames();
        Map<String, List<String>> byCode = new LinkedHashMap<>();
        for (String dir : dirs) {
            byCode.computeIfAbsent(fromFlores(dir, null).code(), k -> new ArrayList<>()).add(dir);
        }
        List<Language> all = new ArrayList<>();
        for (String dir : dirs) {
            String code = fromFlores(dir, null).code();
            List<String> sharing = byCode.get(code);
            String own = sharing.size() > 1 && !isSameLanguage(dir.substring(0, 3), fromFlores(dir, null).kbLanguage())
                    ? ownCode(dir.substring(0, 3)) : null;
            Language l = fromFlores(dir, own);
            all.add(l);
            BY_FLORES.put(dir.toLowerCase(Locale.ROOT), l);
            if (BY_CODE.put(l.code().toLowerCase(Locale.ROOT), l) != null) {
                throw new IllegalStateException("two SIB-200 directories with the code " + l.code());
            }
        }
        SIB200 = List.copyOf(all);
    }

    private Languages() {
    }

    /** Every SIB-200 language. */
    public static List<Language> sib200() {
        return SIB200;
    }

    /** The language of any spelling boe4j accepts (see the class comment), or empty when ICU does not know it. */
    public static Optional<Language> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.strip();
        String lower = n.toLowerCase(Locale.ROOT);
        Language l = BY_FLORES.get(lower);
        if (l != null) {
            return Optional.of(l);
        }
        if (n.length() == 8 && FLORES.matcher(lower.substring(0, 4) + Character.toUpperCase(lower.charAt(4))
                + lower.substring(5)).matches()) {
            // a FLORES-shaped directory SIB-200 does not list (FLORES+ added some): same rules, own name
            String dir = lower.substring(0, 4) + Character.toUpperCase(lower.charAt(4)) + lower.substring(5);
            return icuKnows(dir.substring(0, 3)) ? Optional.of(fromFlores(dir, null)) : Optional.empty();
        }
        l = BY_CODE.get(lower.replace('_', '-'));
        if (l != null) {
            return Optional.of(l);
        }
        for (Language s : SIB200) {
            if (s.flores().substring(0, 3).equals(lower) && usualScript(s)) {
                return Optional.of(s);
            }
        }
        for (Language s : SIB200) {
            if (s.mldoc().equals(lower) && usualScript(s) && !s.code().contains("-")) {
                return Optional.of(s);
            }
        }
        return fromLocaleId(lower.replace('_', '-'));
    }

    /** Like {@link #find} but an unknown name is an error naming it. */
    public static Language of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown language '" + name
                + "': give a SIB-200 directory (kor_Hang), an ISO 639-1 or 639-3 code (ko, kor) or a BCP 47 tag"));
    }

    /** The KB dictionary key of a language in any spelling ("kor_Hang" -> "ko", "zh-Hant" -> "zh"). */
    public static String kbLanguage(String name) {
        return of(name).kbLanguage();
    }

    /** The code of a known language ({@link Language#code()}), otherwise the name unchanged. */
    public static String code(String name) {
        return find(name).map(Language::code).orElse(name);
    }

    /** The SIB-200 directory of a known language, otherwise the name unchanged (a directory of its own). */
    public static String flores(String name) {
        return find(name).filter(Language::inSib200).map(Language::flores).orElse(name);
    }

    // ------------------------------------------------------------------ derivation from ICU

    private static Language fromFlores(String dir, String ownCode) {
        String iso3 = dir.substring(0, 3);
        String script = dir.substring(4);
        ULocale canonical = ULocale.createCanonical(iso3);
        String lang = canonical.getLanguage();
        String region = canonical.getCountry();
        String code = ownCode != null ? ownCode : tag(lang, script, region);
        String codeLanguage = code.split("-")[0];
        String own = ownCode(iso3);
        String iso1 = codeLanguage.length() == 2 ? codeLanguage : own.length() == 2 ? own : "";
        return new Language(code, lang, iso1, iso3, script, dir, englishName(codeLanguage));
    }

    private static Optional<Language> fromLocaleId(String tag) {
        ULocale given = ULocale.forLanguageTag(tag);
        if (given.getLanguage().isEmpty() || !icuKnows(given.getLanguage())) {
            return Optional.empty();
        }
        ULocale canonical = ULocale.createCanonical(given);
        ULocale max = ULocale.addLikelySubtags(canonical);
        String lang = canonical.getLanguage();
        String script = max.getScript();
        Language best = null;
        for (Language s : SIB200) {
            if (s.kbLanguage().equals(lang) && sameScript(s.script(), script)
                    && (best == null || !s.code().contains("-") && best.code().contains("-"))) {
                best = s;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        String code = tag(lang, canonical.getScript().isEmpty() ? script : canonical.getScript(), "");
        String iso3 = lang.length() == 3 ? lang : new ULocale(lang).getISO3Language();
        return Optional.of(new Language(code, lang, lang.length() == 2 ? lang : "", iso3, script, "",
                englishName(lang)));
    }

    /** language + script unless it is the usual one + region. */
    private static String tag(String lang, String script, String region) {
        String likely = ULocale.addLikelySubtags(new ULocale(lang + (region.isEmpty() ? "" : "_" + region))).getScript();
        StringBuilder b = new StringBuilder(lang);
        if (!script.isEmpty() && !sameScript(script, likely)) {
            b.append('-').append(script);
        }
        if (!region.isEmpty()) {
            b.append('-').append(region);
        }
        return b.toString();
    }

    /**
     * ISO 15924 equivalence for "the usual script": Korean's likely script Kore is Hangul + Han and SIB-200 writes
     * Korean as Hang; Japanese's Jpan is Han + Kana (SIB-200 writes Jpan).
     */
    private static boolean sameScript(String a, String b) {
        return a.equals(b) || (a.equals("Hang") && b.equals("Kore")) || (a.equals("Kore") && b.equals("Hang"));
    }

    private static boolean usualScript(Language s) {
        return !s.code().matches(".*-[A-Z][a-z]{3}.*") || SIB200.stream()
                .noneMatch(o -> o != s && o.flores().startsWith(s.flores().substring(0, 4)));
    }

    /** True when ICU maps {@code iso3} to {@code lang} as the same language (its two-letter form or itself). */
    private static boolean isSameLanguage(String iso3, String lang) {
        return iso3.equals(lang) || iso3.equals(new ULocale(lang).getISO3Language());
    }

    /** The ISO 639-1 code whose ISO 639-2 form is {@code iso3} ("twi" -> "tw"), else {@code iso3}. */
    private static String ownCode(String iso3) {
        for (String two : ULocale.getISOLanguages()) {
            if (two.length() == 2 && iso3.equals(new ULocale(two).getISO3Language())) {
                return two;
            }
        }
        return iso3;
    }

    private static boolean icuKnows(String lang) {
        // an unknown subtag has no ISO 639-2 form and no English name of its own in ICU
        String l = ULocale.createCanonical(lang).getLanguage();
        return !new ULocale(l).getISO3Language().isEmpty()
                || !new ULocale(l).getDisplayLanguage(ULocale.ENGLISH).equals(l);
    }

    private static String englishName(String lang) {
        return new ULocale(lang).getDisplayLanguage(ULocale.ENGLISH);
    }

    private static List<String> readDirectoryNames() {
        List<String> out = new ArrayList<>();
        try (InputStream in = Languages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/boe4j/lang/" + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!FLORES.matcher(line).matches()) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected a FLORES-200 code such as"
                            + " kor_Hang, found '" + line + "'");
                }
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
