package org.boe4j.kb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Korean: a mention may be followed, inside its space-delimited word (eojeol), by a postposition (josa) from the
 * list below: 일본에 "in Japan", 아인슈타인은 "Einstein (topic)", 한국과의 "with Korea (attributive)".
 *
 * <p>The list (standard grammar, e.g. the National Institute of Korean Language's 표준국어대사전 entries for each
 * particle): case particles 이/가 (subject), 을/를 (object), 의 (genitive), 에, 에서, 에게, 께, 한테 (locative/dative),
 * (으)로 (instrumental/direction), 와/과 (comitative), 보다, 처럼, 만큼 (comparison); auxiliary particles 은/는
 * (topic), 도 (also), 만 (only), 까지, 부터, 마다, 조차; conjunctive (이)나, (이)랑, (이)며. A particle may be followed
 * by 는, 도, 의 or 만 (에서는, 에서도, 에서의, 으로는, 과의, 까지는, 부터는, 에게는, 에만).
 *
 * <p>Allomorphs must agree with the last syllable of the name, which ICU's Hangul decomposition tells
 * (syllable index mod 28 = 0: no final consonant): 이, 은, 을, 과, 이나, 이랑, 이며 after a final consonant; 가,
 * 는, 를, 와, 로, 나, 랑, 며 after a vowel; 으로 after a final consonant other than ㄹ, 로 after a vowel or ㄹ
 * (서울로, not 서울으로). A name not written in Hangul
 * syllables (a Latin acronym) takes either form.
 *
 * <p>Not particles, so not matched: 인 (일본인 "a Japanese"), 어 (일본어 "Japanese language"), 식, 산, 군 and
 * other derivational suffixes, which make another entity. Minimum surface length: 2 syllables (all ICU names
 * of one syllable are already dropped).
 */
final class KoreanParticles extends AffixRules {

    static final KoreanParticles RULES = new KoreanParticles();

    private static final int MIN_SURFACE = 2;

    private enum After { CONSONANT, CONSONANT_BUT_RIEUL, VOWEL, ANY, VOWEL_OR_RIEUL }

    /** Particle -> what the name must end with. */
    private static final Map<String, After> PARTICLES = new HashMap<>();

    static {
        Map<String, After> base = new HashMap<>();
        for (String p : List.of("이", "은", "을", "과", "이나", "이랑", "이며")) {
            base.put(p, After.CONSONANT);
        }
        base.put("으로", After.CONSONANT_BUT_RIEUL);
        for (String p : List.of("가", "는", "를", "와", "나", "랑", "며")) {
            base.put(p, After.VOWEL);
        }
        base.put("로", After.VOWEL_OR_RIEUL);
        for (String p : List.of("의", "에", "에서", "에게", "께", "한테", "도", "만", "까지", "부터", "보다", "처럼",
                "만큼", "마다", "조차")) {
            base.put(p, After.ANY);
        }
        PARTICLES.putAll(base);
        // a case particle may take a topic, additive, genitive or "only" particle after it
        for (String p : List.of("에", "에서", "에게", "께", "한테", "으로", "로", "과", "와", "까지", "부터", "보다",
                "처럼", "만큼", "마다")) {
            for (String q : List.of("는", "도", "의", "만")) {
                PARTICLES.putIfAbsent(p + q, base.get(p));
            }
        }
    }

    private KoreanParticles() {
        super(0, 3); // particles of up to 3 syllables after the name (에서는)
    }

    @Override
    public boolean accepts(String surface, int kind, String prefix, String suffix) {
        if (!prefix.isEmpty() || suffix.isEmpty() || letters(surface) < MIN_SURFACE) {
            return false;
        }
        After need = PARTICLES.get(suffix);
        if (need == null) {
            return false;
        }
        int last = surface.codePointBefore(surface.length());
        if (last < 0xAC00 || last > 0xD7A3) {
            return true; // not a Hangul syllable: no agreement to check
        }
        int jong = (last - 0xAC00) % 28; // 0: no final consonant; 8: final ㄹ
        return switch (need) {
            case ANY -> true;
            case CONSONANT -> jong != 0;
            case CONSONANT_BUT_RIEUL -> jong != 0 && jong != 8;
            case VOWEL -> jong == 0;
            case VOWEL_OR_RIEUL -> jong == 0 || jong == 8;
        };
    }
}
