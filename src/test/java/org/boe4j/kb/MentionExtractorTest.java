package org.boe4j.kb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MentionExtractorTest {

    private static KnowledgeBase kb() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("en", "Paris", 0.5, "Paris", 0.9);
        b.addEntry("en", "Paris", 0.5, "Paris, Texas", 0.1);
        b.addEntry("en", "New York", 0.4, "New York City", 1.0);
        b.addEntry("en", "York", 0.3, "York", 1.0);
        b.addEntry("de", "Straße", 0.2, "Straße", 1.0);
        b.addEntry("ru", "Того", 0.2, "Того", 1.0);
        b.addEntry("ru", "Москва", 0.9, "Москва", 1.0);
        b.addEntry("ja", "東京", 0.9, "東京", 1.0);
        b.addEntry("ja", "東京都", 0.9, "東京都", 1.0);
        b.addEntry("ja", "タイ", 0.9, "タイ", 1.0);
        b.addEntry("ja", "EU", 0.9, "欧州連合", 1.0);
        b.addEntry("th", "กรุงเทพ", 0.9, "กรุงเทพมหานคร", 1.0);
        b.addEntry("zh", "北京", 0.9, "北京市", 0.7);
        b.addEntry("zh", "北京", 0.9, "北京大学", 0.3);
        b.addInterlanguage("ru", "Москва", "Moscow");
        b.addInterlanguage("ja", "東京", "Tokyo");
        b.addInterlanguage("ja", "東京都", "Tokyo");
        b.addInterlanguage("ja", "欧州連合", "European Union");
        b.addInterlanguage("ja", "タイ", "Thailand");
        b.addInterlanguage("th", "กรุงเทพมหานคร", "Bangkok");
        b.addInterlanguage("zh", "北京市", "Beijing");
        b.addInterlanguage("de", "Straße", "Street");
        return b.build();
    }

    private static List<String> spans(List<Mention> ms, String text) {
        return ms.stream().map(m -> {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.surface());
            return m.start() + "-" + m.end() + ":" + m.surface();
        }).toList();
    }

    @Test
    void keepsAllOverlappingMatchesOnWordBoundaries() {
        String t = "From New York to Paris.";
        List<Mention> ms = kb().extractor("en").find(t);
        assertThat(spans(ms, t)).containsExactly("5-13:New York", "9-13:York", "17-22:Paris");
        assertThat(ms.get(2).candidates()).containsExactly(new Candidate("Paris", 0.9f),
                new Candidate("Paris, Texas", 0.1f));
    }

    @Test
    void latinAndCyrillicNeverMatchInsideALongerWord() {
        String en = "Parisienne Yorkshire Parisian; paris! NEW YORK";
        assertThat(spans(kb().extractor("en").find(en), en))
                .containsExactly("31-36:paris", "38-46:NEW YORK", "42-46:YORK");
        String ru = "Москвой и Москва, Москвариум";
        // exact matching: the instrumental Москвой is another word
        assertThat(spans(kb().extractor("ru", AffixRules.NONE).find(ru), ru)).containsExactly("10-16:Москва");
        // Russian case endings (RussianCaseEndings): Москвой is Moscow; Москвариум still is not
        assertThat(spans(kb().extractor("ru").find(ru), ru)).containsExactly("0-7:Москвой", "10-16:Москва");
    }

    @Test
    void japaneseChineseAndThaiMatchWithoutSpaces() {
        String ja = "東京都とEUの関係、タイプは別。タイへ行く";
        List<Mention> ms = kb().extractor("ja").find(ja);
        // 東京 inside 東京都 is kept (no boundary needed in Han); タイ inside the Katakana word タイプ is not
        assertThat(spans(ms, ja)).containsExactly("0-2:東京", "0-3:東京都", "4-6:EU", "16-18:タイ");
        assertThat(ms.get(0).candidates()).containsExactly(new Candidate("Tokyo", 1f));
        String zh = "我在北京大学学习";
        assertThat(spans(kb().extractor("zh").find(zh), zh)).containsExactly("2-4:北京");
        String th = "ฉันไปกรุงเทพเมื่อวาน";
        List<Mention> thai = kb().extractor("th").find(th);
        assertThat(spans(thai, th)).containsExactly("5-12:กรุงเทพ");
        assertThat(thai.get(0).candidates()).containsExactly(new Candidate("Bangkok", 1f));
    }

    @Test
    void offsetsAreUtf16IndicesOfTheOriginalTextAfterEmojiAndFullWidthForms() {
        String t = "😀👍🏽 Ｐａｒｉｓ and\u00A0New\u3000York";
        List<Mention> ms = kb().extractor("en").find(t);
        // 😀 and 👍 are surrogate pairs, 🏽 too: "Ｐａｒｉｓ" starts at UTF-16 index 7
        assertThat(spans(ms, t)).containsExactly("7-12:Ｐａｒｉｓ", "17-25:New\u3000York", "21-25:York");
        assertThat(t.codePointCount(0, 7)).isEqualTo(4);
    }

    @Test
    void caseFoldingIsTheSameAtBuildAndQueryTime() {
        String t = "Die STRASSE und die strasse und die Straße.";
        assertThat(spans(kb().extractor("de").find(t), t))
                .containsExactly("4-11:STRASSE", "20-27:strasse", "36-42:Straße");
    }

    @Test
    void unmappedEntitiesAreDroppedAndSameEnglishEntitiesMerged() {
        String ru = "Того и Москва";
        assertThat(kb().extractor("ru").findLocal(ru)).hasSize(2);
        List<Mention> en = kb().extractor("ru").find(ru);
        assertThat(spans(en, ru)).containsExactly("7-13:Москва"); // Того has no English counterpart
        String zh = "北京";
        assertThat(kb().extractor("zh").find(zh).get(0).candidates())
                .containsExactly(new Candidate("Beijing", 0.7f)); // 北京大学 unmapped: dropped
        assertThat(kb().extractor("zh").count(zh)).isEqualTo(1);
    }

    @Test
    void caseSensitiveKbMatchesOnlyTheExactCase() {
        KbBuilder b = new KbBuilder(KbOptions.defaults().withCaseInsensitive(false));
        b.addEntry("en", "Apple", 0.5, "Apple Inc.", 1.0);
        String t = "apple Apple";
        assertThat(spans(b.build().extractor("en").find(t), t)).containsExactly("6-11:Apple");
    }

    /**
     * Thai separates phrases, not words, with spaces: a match between two Thai letters must sit on a boundary of
     * ICU's dictionary segmentation. SIB-200 test rows 1523 and 308 of tha_Thai (Adelani et al. 2023, from
     * FLORES-200, CC BY-SA 4.0); "กา" (the ICU KB's name of the Ga language) occurs three times in row 1523, each
     * inside the word การ, and was reported there before the rule; ญี่ปุ่น (Japan) is a word of row 308.
     */
    @Test
    void thaiMatchesSitOnDictionaryWordBoundaries() {
        KbBuilder b = new KbBuilder(KbOptions.defaults());
        b.addEntry("th", "กา", 1.0, "ภาษากา", 1.0);
        b.addEntry("th", "ญี่ปุ่น", 1.0, "ประเทศญี่ปุ่น", 1.0);
        b.addInterlanguage("th", "ภาษากา", "Ga language");
        b.addInterlanguage("th", "ประเทศญี่ปุ่น", "Japan");
        MentionExtractor x = b.build().extractor("th");
        String mutation = "การกลายพันธุ์ได้เพิ่มความหลากหลายทางพันธุกรรม และกระบวนการการคัดเลือกได้คัดสิ่งเหล่านั้นออกจาก"
                + "กลุ่มความหลากหลายที่แสดงออกมา";
        assertThat(mutation.substring(0, 2)).isEqualTo("กา");
        assertThat(x.find(mutation)).isEmpty();
        String saito = "นอกจากจะเป็นอดีตแชมป์โอลิมปิกและแชมป์โลกแล้ว ในขณะที่เสียชีวิตไซโตะยังเป็นประธานคณะกรรมการฝึกอบรม"
                + "ของสหพันธ์ยูโดแห่งประเทศญี่ปุ่นอีกด้วย";
        assertThat(spans(x.find(saito), saito)).containsExactly("121-128:ญี่ปุ่น");
    }
}
