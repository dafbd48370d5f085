package org.boe4j.kb.build.icu;

import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.ULocale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English Wikipedia title of an ICU code: the cross-lingual identity of the ICU KB is the code, and the
 * KB's entity space is English titles (the Wikipedia2Vec keys). Titles come from a hand-written table of
 * known differences ({@code english-titles.tsv}) or, failing that, from ICU's English display name with
 * Wikipedia's conventions applied:
 * <ul>
 *   <li>regions and cities: "&amp;" -> "and", "St." -> "Saint" ("St. Kitts &amp; Nevis" -> "Saint Kitts and Nevis");</li>
 *   <li>languages: one-word names get " language" ("German" -> "German language"), longer names stay
 *       ("Swiss German");</li>
 *   <li>currencies: sentence case, the unit word lower-cased ("Japanese Yen" -> "Japanese yen").</li>
 * </ul>
 */
public final class IcuEnglishTitles {

    private static final String TABLE = "/org/boe4j/kb/build/icu/english-titles.tsv";

    private final Map<String, String> overrides = new HashMap<>();
    private final LocaleDisplayNames english = LocaleDisplayNames.getInstance(ULocale.ENGLISH);
    private final TimeZoneNames englishZones = TimeZoneNames.getInstance(ULocale.ENGLISH);
    private final Set<String> currencyUnitWords = new HashSet<>(Set.of("new", "convertible"));

    public IcuEnglishTitles() {
        try (InputStream in = IcuEnglishTitles.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TABLE + " missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException(TABLE + " line " + no + ": expected kind<TAB>code<TAB>title, found '"
                            + line + "'");
                }
                IcuEntityKind.valueOf(f[0].toUpperCase(Locale.ROOT)); // validates the kind
                overrides.put(f[0] + "\t" + f[1], f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers the unit words of all currencies (last word of multi-word English names), see class comment. */
    void learnCurrencyUnits(Iterable<String> codes) {
        for (String code : codes) {
            String name = Currency.getInstance(code).getName(ULocale.ENGLISH, Currency.LONG_NAME, null);
            String[] words = name.split(" ");
            if (words.length > 1) {
                currencyUnitWords.add(words[words.length - 1].toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The English title, or null when ICU has no English name for the code. */
    public String title(IcuEntityKind kind, String code) {
        String o = overrides.get(kind.key() + "\t" + code);
        if (o != null) {
            return o;
        }
        switch (kind) {
            case REGION: {
                String name = english.regionDisplayName(code);
                return name == null || name.equals(code) ? null : placeName(name);
            }
            case LANGUAGE: {
                String name = english.languageDisplayName(code);
                if (name == null || name.equals(code)) {
                    return null;
                }
                return name.indexOf(' ') < 0 ? name + " language" : name;
            }
            case CURRENCY: {
                String name = Currency.getInstance(code).getName(ULocale.ENGLISH, Currency.LONG_NAME, null);
                if (name == null || name.equals(code)) {
                    return null;
                }
                String[] words = placeName(name).split(" ");
                StringBuilder b = new StringBuilder(words[0]);
                for (int i = 1; i < words.length; i++) {
                    String w = words[i];
                    b.append(' ').append(currencyUnitWords.contains(w.toLowerCase(Locale.ROOT))
                            ? w.toLowerCase(Locale.ROOT) : w);
                }
                return b.toString();
            }
            case CITY: {
                String name = englishZones.getExemplarLocationName(code);
                return name == null ? null : placeName(name);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private static String placeName(String name) {
        return name.replace(" & ", " and ").replaceAll("\\bSt\\. ", "Saint ");
    }
}
