package org.boe4j.kb.build.icu;

import com.ibm.icu.impl.ICUData;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.UResourceBundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Enumerates the codes of each {@link IcuEntityKind} and the names every ICU locale gives them. Names of a
 * language's regional locales (de_AT, de_CH, zh_Hant_TW, ...) all go to the language (de, zh).
 */
public final class IcuNameCollector {

    /** Regions: ISO 3166 alpha-2 plus the two supranational codes CLDR names. */
    public static List<String> regionCodes() {
        List<String> codes = new ArrayList<>(Arrays.asList(ULocale.getISOCountries()));
        codes.add("EU");
        codes.add("UN");
        return codes;
    }

    /** Languages with ICU locale data (ICU 77.1: 239), as KB language codes. */
    public static Set<String> icuLanguages() {
        Set<String> out = new TreeSet<>();
        for (ULocale l : ULocale.getAvailableLocales()) {
            out.add(l.getLanguage());
        }
        return out;
    }

    /** Currencies that are legal tender today in at least one region. */
    public static Set<String> currencyCodes() {
        Set<String> out = new TreeSet<>();
        Date now = new Date();
        for (String r : ULocale.getISOCountries()) {
            String[] cs = Currency.getAvailableCurrencyCodes(new ULocale("und_" + r), now);
            if (cs != null) {
                out.addAll(Arrays.asList(cs));
            }
        }
        return out;
    }

    /** Canonical location time zones (ICU 77.1: 417), whose exemplar city names we take. */
    public static Set<String> zoneIds() {
        return new TreeSet<>(TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, null, null));
    }

    private final List<String> regions = regionCodes();
    private final Set<String> languageCodes = icuLanguages();
    private final Set<String> currencies = currencyCodes();
    private final Set<String> zones = zoneIds();

    public Set<String> currencies() {
        return currencies;
    }

    /** All names of one language, over all its ICU locales; duplicates removed. */
    public List<IcuName> names(String language) {
        List<ULocale> locales = new ArrayList<>();
        for (ULocale l : ULocale.getAvailableLocales()) {
            if (l.getLanguage().equals(language)) {
                locales.add(l);
            }
        }
        if (locales.isEmpty()) {
            throw new IllegalArgumentException("ICU has no locale for language '" + language + "'; it has "
                    + languageCodes.size() + " languages: " + languageCodes);
        }
        Set<IcuName> out = new LinkedHashSet<>();
        for (ULocale locale : locales) {
            collect(language, locale, out::add);
        }
        return new ArrayList<>(out);
    }

    private void collect(String language, ULocale locale, Consumer<IcuName> sink) {
        LocaleDisplayNames names = LocaleDisplayNames.getInstance(locale);
        for (String r : regions) {
            add(sink, language, IcuEntityKind.REGION, r, names.regionDisplayName(r));
        }
        // alternative region names CLDR keeps ("Countries%variant": Turkey, Czech Republic; "%short": UK, США)
        for (String table : new String[]{"Countries%variant", "Countries%short"}) {
            try {
                UResourceBundle rb = UResourceBundle.getBundleInstance(ICUData.ICU_REGION_BASE_NAME, locale)
                        .get(table);
                for (int i = 0; i < rb.getSize(); i++) {
                    UResourceBundle e = rb.get(i);
                    if (regions.contains(e.getKey())) {
                        add(sink, language, IcuEntityKind.REGION, e.getKey(), e.getString());
                    }
                }
            } catch (MissingResourceException absent) {
                // this locale has no alternative names
            }
        }
        for (String l : languageCodes) {
            add(sink, language, IcuEntityKind.LANGUAGE, l, names.languageDisplayName(l));
        }
        for (String c : currencies) {
            Currency cur = Currency.getInstance(c);
            add(sink, language, IcuEntityKind.CURRENCY, c, cur.getName(locale, Currency.LONG_NAME, null));
            for (String count : new String[]{"one", "other"}) {
                add(sink, language, IcuEntityKind.CURRENCY, c, cur.getName(locale, Currency.PLURAL_LONG_NAME, count, null));
            }
        }
        TimeZoneNames tz = TimeZoneNames.getInstance(locale);
        for (String z : zones) {
            add(sink, language, IcuEntityKind.CITY, z, tz.getExemplarLocationName(z));
        }
    }

    private static void add(Consumer<IcuName> sink, String language, IcuEntityKind kind, String code, String name) {
        // ICU answers the code itself (or a currency code) when it has no name
        if (name == null || name.isBlank() || name.equals(code)) {
            return;
        }
        sink.accept(new IcuName(language, kind, code, name.strip()));
    }

    /** Codes grouped by kind (for reports). */
    public TreeMap<IcuEntityKind, Integer> codeCounts() {
        TreeMap<IcuEntityKind, Integer> m = new TreeMap<>();
        m.put(IcuEntityKind.REGION, regions.size());
        m.put(IcuEntityKind.LANGUAGE, languageCodes.size());
        m.put(IcuEntityKind.CURRENCY, currencies.size());
        m.put(IcuEntityKind.CITY, zones.size());
        return m;
    }
}
