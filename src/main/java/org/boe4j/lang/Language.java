package org.boe4j.lang;

import java.util.Locale;

/**
 * One language under every spelling boe4j meets, all derived from ICU4J's locale data (see {@link Languages}).
 *
 * @param code       the BCP 47 tag boe4j reports and keys datasets by: ICU's canonical language, plus the script
 *                   when it is not the language's usual one and the region when ICU's alias brings one
 *                   ({@code ko}, {@code zh}, {@code zh-Hant}, {@code ar-Latn}, {@code fa-AF}); unique over SIB-200
 * @param kbLanguage the KB dictionary key: ICU's canonical language subtag alone ({@code zh} for both Chinese
 *                   scripts, {@code ar} for {@code arb_Arab}); the ICU KB groups every locale of a language under it
 * @param iso639_1   the two-letter ISO 639-1 code, or "" when the language has none ({@code ast}, {@code yue})
 * @param iso639_3   the three-letter ISO 639 code ({@code kor}; for SIB-200 directories the directory's own
 *                   ISO 639-3 individual-language code, e.g. {@code arb}, {@code cmn} is spelled {@code zho} there)
 * @param script     the ISO 15924 script ({@code Hang}, {@code Hans}); for codes given without one, ICU's likely script
 * @param flores     the SIB-200/FLORES-200 directory ({@code kor_Hang}), or "" when the language has none in SIB-200
 * @param englishName ICU's English display name of the language subtag ("Korean"; "Chinese" for both scripts)
 */
public record Language(String code, String kbLanguage, String iso639_1, String iso639_3, String script,
                       String flores, String englishName) {

    /** True when SIB-200 has a directory for this language. */
    public boolean inSib200() {
        return !flores.isEmpty();
    }

    /**
     * The MLDoc file prefix ("english", "chinese"): MLDoc names its files by the English language name in lower
     * case.
     */
    public String mldoc() {
        return englishName.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
