package org.boe4j.kb;

import com.ibm.icu.util.ULocale;

/**
 * KB language keys are the ISO 639 codes ICU and Wikipedia use ("en", "de", "ja", "zh"). This maps the other
 * spellings users and datasets bring (SIB-200/FLORES "jpn_Jpan", ISO 639-3 "deu", BCP 47 "zh-Hans-CN") to them.
 */
public final class LanguageCodes {

    private LanguageCodes() {
    }

    /** "jpn_Jpan" -> "ja", "deu" -> "de", "zh-Hans" -> "zh", "en" -> "en". */
    public static String toKbLanguage(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("empty language code");
        }
        String c = code.strip();
        int cut = c.indexOf('_');
        if (cut < 0) {
            cut = c.indexOf('-');
        }
        String base = (cut < 0 ? c : c.substring(0, cut)).toLowerCase(java.util.Locale.ROOT);
        String lang = ULocale.forLanguageTag(base).getLanguage();
        if (lang.isEmpty()) {
            throw new IllegalArgumentException("not a language code: '" + code + "'");
        }
        // ICU keeps 3-letter codes that have a 2-letter equivalent; canonicalise them ("deu" -> "de")
        String canonical = ULocale.createCanonical(lang).getLanguage();
        return canonical.isEmpty() ? lang : canonical;
    }
}
