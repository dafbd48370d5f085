package org.boe4j.kb;

import java.util.Set;

/**
 * Russian: names decline, and dictionaries hold the nominative: Ванкувер -> Ванкувера, Япония -> Японии,
 * Китай -> Китае, Израиль -> Израиля, Канада -> Канаду, Нидерланды -> Нидерландах.
 *
 * <p>Two forms of a surface are looked for, both ending inside a word with a case ending from {@link #ENDINGS}
 * (the noun endings of the singular and plural declensions, e.g. Зализняк's tables; adjective endings are not
 * included):
 * <ul>
 * <li>the surface itself when it ends in a consonant (first declension masculine: Ванкувер + а, Лондон + е);</li>
 * <li>its <b>stem</b>, the surface without its last letter when that letter is the nominative ending а, я
 *     (Канада, Япония), ь (Израиль), й (Китай) or ы, и (plural names: Нидерланды, Филиппины); the stem alone
 *     is not a mention, an ending must follow (Япони + и, Кита + е).</li>
 * </ul>
 * Guards: the surface (for the first form) and the stem (for the second) have at least 4 letters, so short names
 * whose stems are ordinary words stay exact (Куба: куб+ы "cubes"; Мали: мал+а "small"; Рим); only the last word
 * of a multi-word name declines here (a name's other words must match as written); vowel-final indeclinable
 * names (Токио, Перу, Того) and borrowed names with a vowel before the final а (Самоа: само + е would be
 * самое "the most") get no form. Adjectival names (ending -ий, -ый, -ой, -ая, -яя: the Russian
 * language names such as английский) are not declined: their inflected forms mostly modify another noun (японской компании "a Japanese company") and would
 * give the language entity.
 */
final class RussianCaseEndings extends AffixRules {

    static final RussianCaseEndings RULES = new RussianCaseEndings();

    /** Form kind: the surface without its nominative ending. */
    static final int STEM = 1;

    private static final int MIN_STEM = 4;

    /** Noun case endings, singular and plural, as they follow a consonant-final surface or a stem. */
    static final Set<String> ENDINGS = Set.of("а", "я", "у", "ю", "е", "и", "ы", "ом", "ем", "ём", "ой", "ей", "ою",
            "ею", "ью", "ам", "ям", "ах", "ях", "ами", "ями", "ов", "ев");

    /** Nominative endings removed to form a stem. */
    private static final String STEM_ENDINGS = "аяьйыи";

    private static final String NOT_CONSONANTS = "аеёиоуыэюяьъй";

    private RussianCaseEndings() {
        super(0, 3); // case endings of up to 3 letters (ами)
    }

    @Override
    public void addForms(String surface, FormSink sink) {
        char last = surface.charAt(surface.length() - 1);
        String stem = surface.substring(0, surface.length() - 1);
        if (STEM_ENDINGS.indexOf(last) >= 0 && lastWordLetters(stem) >= MIN_STEM && !isAdjectival(surface)
                && !isIndeclinable(surface)) {
            sink.form(stem, STEM);
        }
    }

    @Override
    public boolean accepts(String surface, int kind, String prefix, String suffix) {
        if (!prefix.isEmpty() || !ENDINGS.contains(suffix)) {
            return false;
        }
        if (kind == STEM) {
            return true; // addForms checked the stem's length
        }
        char last = surface.charAt(surface.length() - 1);
        return isCyrillicConsonant(last) && lastWordLetters(surface) >= MIN_STEM;
    }

    /**
     * A vowel before a final а, я, ы or и marks a borrowed name that does not decline (Самоа, Гоа, Пуэрто-Рико's
     * kind): its "stem" would be another word (само + е = самое "the most"). Names in -ия (Япония) decline, as do
     * й and ь after a vowel (Китай).
     */
    private static boolean isIndeclinable(String s) {
        char last = s.charAt(s.length() - 1);
        if (last == 'ь' || last == 'й' || s.length() < 2) {
            return false;
        }
        char before = s.charAt(s.length() - 2);
        return NOT_CONSONANTS.indexOf(before) >= 0 && !(before == 'и' && last == 'я');
    }

    /** Adjective endings -ий, -ый, -ой, -ая, -яя (английский, Южная): adjectives decline otherwise. */
    private static boolean isAdjectival(String s) {
        return s.endsWith("ий") || s.endsWith("ый") || s.endsWith("ой") || s.endsWith("ая") || s.endsWith("яя");
    }

    private static boolean isCyrillicConsonant(char c) {
        return c >= 'а' && c <= 'я' && NOT_CONSONANTS.indexOf(c) < 0;
    }

    private static int lastWordLetters(String s) {
        int cut = Math.max(s.lastIndexOf(' '), s.lastIndexOf('-'));
        return letters(s.substring(cut + 1));
    }
}
