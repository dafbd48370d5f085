package org.boe4j.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one language mapping over the 205 real SIB-200 directory names. The two-letter expectations are checked
 * against an independent table, the JDK's own ISO 639 data ({@link Locale#getISOLanguages()} with
 * {@link Locale#getISO3Language()}), which does not come from ICU/CLDR.
 */
class LanguagesTest {

    @Test
    void listsTheTwoHundredFiveSib200DirectoriesWithUniqueCodes() {
        List<Language> all = Languages.sib200();
        assertThat(all).hasSize(205);
        assertThat(all.get(0).flores()).isEqualTo("ace_Arab");
        assertThat(all.get(204).flores()).isEqualTo("zul_Latn");
        Set<String> codes = new HashSet<>();
        for (Language l : all) {
            assertThat(codes.add(l.code())).as("code of " + l.flores() + " is unique").isTrue();
            // each directory is found again by its own name, by its code and in any letter case
            assertThat(Languages.find(l.flores())).contains(l);
            assertThat(Languages.find(l.flores().toUpperCase(Locale.ROOT))).contains(l);
            assertThat(Languages.find(l.code())).contains(l);
            assertThat(l.iso639_3()).isEqualTo(l.flores().substring(0, 3));
            assertThat(l.script()).isEqualTo(l.flores().substring(4));
        }
    }

    @Test
    void kbLanguageIsTheIso6391CodeWhereTheJdkKnowsOneForTheDirectorysIso6393Code() {
        Map<String, String> jdkTwoLetter = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            // getLanguage() gives the current form of the withdrawn codes the JDK still lists (iw -> he, in -> id)
            jdkTwoLetter.put(new Locale(two).getISO3Language(), new Locale(two).getLanguage());
        }
        // CLDR (and so ICU) deliberately differs from ISO 639 here: Tagalog is reported as Filipino, and Twi is
        // a dialect of Akan (twi -> ak); Twi keeps its own ISO 639-1 code as its report code
        Map<String, String> cldrDiffers = Map.of("tgl", "fil", "twi", "ak");
        int checked = 0;
        for (Language l : Languages.sib200()) {
            String two = jdkTwoLetter.get(l.iso639_3());
            if (two == null) {
                continue;
            }
            checked++;
            assertThat(l.kbLanguage()).as(l.flores()).isEqualTo(cldrDiffers.getOrDefault(l.iso639_3(), two));
            // ICU's ISO 639 list no longer has "tl" (CLDR replaced it by "fil"); "tl" still finds Tagalog below
            assertThat(l.iso639_1()).as(l.flores()).isEqualTo(l.iso639_3().equals("tgl") ? "" : two);
        }
        assertThat(Languages.flores("tl")).isEqualTo("tgl_Latn");
        assertThat(checked).as("directories whose ISO 639-3 code has a two-letter form in the JDK").isEqualTo(117);
    }

    @Test
    void koreanByEverySpelling() {
        for (String name : List.of("ko", "kor", "kor_Hang", "KOR_HANG", "korean", "ko-KR", "ko-Kore")) {
            Language l = Languages.of(name);
            assertThat(l.flores()).as(name).isEqualTo("kor_Hang");
            assertThat(l.code()).isEqualTo("ko");
            assertThat(l.kbLanguage()).isEqualTo("ko");
        }
        assertThat(Languages.flores("ko")).isEqualTo("kor_Hang");
        assertThat(Languages.kbLanguage("kor_Hang")).isEqualTo("ko");
        assertThat(Languages.find("kor_Hang").orElseThrow().englishName()).isEqualTo("Korean");
    }

    @Test
    void theTwoChineseScriptsAreTwoCodesAndOneKbLanguage() {
        Language hans = Languages.of("zho_Hans");
        Language hant = Languages.of("zho_Hant");
        assertThat(hans.code()).isEqualTo("zh");
        assertThat(hant.code()).isEqualTo("zh-Hant");
        assertThat(hans.kbLanguage()).isEqualTo("zh");
        assertThat(hant.kbLanguage()).isEqualTo("zh");
        // ISO 639-3 and macrolanguage codes and regional tags go to the script ICU says is likely
        for (String name : List.of("zh", "zho", "chi", "cmn", "zh-CN", "zh-Hans-CN", "zh-SG", "chinese")) {
            assertThat(Languages.flores(name)).as(name).isEqualTo("zho_Hans");
        }
        for (String name : List.of("zh-Hant", "zh-TW", "zh-HK", "zh-Hant-TW", "zh_Hant")) {
            assertThat(Languages.flores(name)).as(name).isEqualTo("zho_Hant");
        }
        assertThat(Languages.of("yue").flores()).isEqualTo("yue_Hant"); // Cantonese is its own language
        assertThat(Languages.of("yue_Hant").kbLanguage()).isEqualTo("yue");
    }

    @Test
    void arabicVarieties() {
        // Modern Standard Arabic (arb) is CLDR's "ar"; the macrolanguage code and regional tags go to it
        for (String name : List.of("ar", "ara", "arb", "arb_Arab", "ar-EG", "ar-SA", "arabic")) {
            assertThat(Languages.flores(name)).as(name).isEqualTo("arb_Arab");
        }
        assertThat(Languages.of("arb_Latn").code()).isEqualTo("ar-Latn");
        assertThat(Languages.of("arb_Latn").kbLanguage()).isEqualTo("ar");
        // CLDR keeps these individual languages: each is its own code and KB language
        for (String dir : List.of("arz_Arab", "ary_Arab", "ars_Arab", "acm_Arab", "acq_Arab", "aeb_Arab", "apc_Arab")) {
            Language l = Languages.of(dir);
            assertThat(l.code()).as(dir).isEqualTo(dir.substring(0, 3));
            assertThat(l.kbLanguage()).as(dir).isEqualTo(dir.substring(0, 3));
        }
        // South Levantine (ajp) was merged into Levantine (apc) by ISO 639-3 in 2023 and by CLDR: one KB
        // language, two report codes
        assertThat(Languages.of("ajp_Arab").code()).isEqualTo("ajp");
        assertThat(Languages.of("ajp_Arab").kbLanguage()).isEqualTo("apc");
        assertThat(Languages.of("ajp").flores()).isEqualTo("ajp_Arab");
        assertThat(Languages.of("apc").flores()).isEqualTo("apc_Arab");
    }

    @Test
    void macrolanguagesAndTheirIndividualLanguages() {
        // SIB-200 uses the individual language; ISO 639-1 and the macrolanguage's ISO 639-3 code find it
        Map<String, List<String>> cases = Map.of(
                "swh_Latn", List.of("sw", "swa", "swh"),
                "zsm_Latn", List.of("ms", "msa", "may", "zsm"),
                "pes_Arab", List.of("fa", "fas", "per", "pes", "persian"),
                "npi_Deva", List.of("ne", "nep", "npi"),
                "khk_Cyrl", List.of("mn", "mon", "khk"),
                "lvs_Latn", List.of("lv", "lav", "lvs"),
                "als_Latn", List.of("sq", "sqi", "alb", "als"),
                "gaz_Latn", List.of("om", "orm", "gaz"),
                "uzn_Latn", List.of("uz", "uzb", "uzn"),
                "ydd_Hebr", List.of("yi", "yid", "ydd"));
        cases.forEach((dir, names) -> {
            for (String n : names) {
                assertThat(Languages.flores(n)).as(n).isEqualTo(dir);
            }
        });
        // Dari is Persian of Afghanistan in CLDR: same KB language as Western Persian, its own code
        assertThat(Languages.of("prs_Arab").code()).isEqualTo("fa-AF");
        assertThat(Languages.of("prs_Arab").kbLanguage()).isEqualTo("fa");
        assertThat(Languages.of("fa-AF").flores()).isEqualTo("prs_Arab");
        // Twi: CLDR folds it into Akan
        assertThat(Languages.of("twi_Latn").code()).isEqualTo("tw");
        assertThat(Languages.of("twi_Latn").kbLanguage()).isEqualTo("ak");
        assertThat(Languages.of("aka_Latn").code()).isEqualTo("ak");
        assertThat(Languages.of("tw").flores()).isEqualTo("twi_Latn");
    }

    @Test
    void twoScriptsOfOneLanguageAndTheLanguagesOfTheEarlierTable() {
        assertThat(Languages.of("kas_Arab").code()).isEqualTo("ks");
        assertThat(Languages.of("kas_Deva").code()).isEqualTo("ks-Deva");
        assertThat(Languages.of("ks").flores()).isEqualTo("kas_Arab");
        assertThat(Languages.of("ace").flores()).isEqualTo("ace_Latn");
        assertThat(Languages.of("ace_Arab").code()).isEqualTo("ace-Arab");
        assertThat(Languages.of("taq_Tfng").code()).isEqualTo("taq-Tfng");
        Map<String, String> earlier = Map.of("en", "eng_Latn", "fr", "fra_Latn", "de", "deu_Latn", "ja", "jpn_Jpan",
                "it", "ita_Latn", "ru", "rus_Cyrl", "es", "spa_Latn", "hi", "hin_Deva", "th", "tha_Thai", "he", "heb_Hebr");
        earlier.forEach((code, dir) -> {
            assertThat(Languages.flores(code)).isEqualTo(dir);
            assertThat(Languages.code(dir)).isEqualTo(code);
            assertThat(Languages.kbLanguage(dir)).isEqualTo(code);
        });
        assertThat(Languages.of("english").mldoc()).isEqualTo("english");
        assertThat(Languages.of("ja").mldoc()).isEqualTo("japanese");
        assertThat(Languages.of("iw").code()).isEqualTo("he"); // the withdrawn ISO 639-1 code of Hebrew
    }

    @Test
    void languagesOutsideSib200AndUnknownNames() {
        Language haw = Languages.of("haw");
        assertThat(haw.inSib200()).isFalse();
        assertThat(haw.kbLanguage()).isEqualTo("haw");
        assertThat(haw.englishName()).isEqualTo("Hawaiian");
        // a directory name in FLORES form that SIB-200 does not list keeps its own name
        Language mtei = Languages.of("mni_Mtei");
        assertThat(mtei.flores()).isEqualTo("mni_Mtei");
        assertThat(mtei.code()).isEqualTo("mni-Mtei");
        assertThat(Languages.find("xyz_Latn")).isEmpty();
        assertThat(Languages.find("klingon")).isEmpty();
        assertThat(Languages.find("")).isEmpty();
        assertThat(Languages.code("my_dir")).isEqualTo("my_dir");
        assertThatThrownBy(() -> Languages.kbLanguage("klingon"))
                .hasMessageContaining("unknown language 'klingon'").hasMessageContaining("kor_Hang");
    }
}
