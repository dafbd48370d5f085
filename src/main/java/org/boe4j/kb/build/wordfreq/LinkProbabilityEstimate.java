package org.boe4j.kb.build.wordfreq;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.util.ULocale;
import org.apache.lucene.analysis.CharArraySet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the link probability lp(m) of a surface m in language L, for dictionaries that have no text
 * counts (the crosswikis anchor dictionary, ICU names). Uses no labelled or parallel text of L: only L's script
 * (ICU locale data), L's stopword list (Lucene / snowball) and general word frequencies of L and of other
 * languages (wordfreq). docs/kb.md gives the rules with measured precision; in order:
 * <ol>
 *   <li><b>script</b>: every letter of m must be in a script L is written in ({@code UScript.getCode(L)}, e.g.
 *       ja: Hiragana, Katakana, Han); else m is not offered to L at all (lp = 0);</li>
 *   <li><b>length</b>: m of one code point: lp = 0 (it matches inside any word of a script without spaces, and
 *       as any one-letter word elsewhere);</li>
 *   <li><b>stopword</b>: m (case-folded) is a stopword of L: lp = 0 ("того" in Russian, "die" in German);</li>
 *   <li><b>lower-case common word</b> (optional, on for dictionaries): m is one word, the source writes it in lower
 *       case in a script with case, and L's word
 *       frequency of m is at least {@link #COMMON_WORD_FREQUENCY} (Zipf 4): lp = 0. An anchor written
 *       "criterio" or "nome" links a concept word, and text uses such words mostly in their ordinary sense;</li>
 *   <li><b>frequency excess</b>: with f_L(m) the frequency of m as ordinary text of L and f_ref(m) the largest
 *       frequency among the other embedded languages written in m's script (where m is not one of their
 *       stopwords: German "die" says nothing about English "die"), {@code lp = min(1, max(f_ref, F0) / f_L)} with
 *       F0 = {@link #NAME_FREQUENCY_FLOOR} (Zipf 4). A name is used about as often in every language that writes it
 *       alike (Paris: Zipf 4.8 en, 5.7 fr, 4.9 de), so f_ref / f_L estimates which share of m's uses in L are that
 *       shared use. F0 lets a name that only L writes this way reach Zipf 6 in L before it is dropped
 *       ("Deutschland" is Zipf 5.84 in German and in no other list): wordfreq is case-folded, so the frequency of
 *       a word cannot be told from that of a name of the same letters, and only words far above any name's
 *       frequency (function words of languages without a stopword list, e.g. Japanese kana words) go. When m is not
 *       in L's list (rarer than about once per million tokens, most names), lp = 1.</li>
 * </ol>
 * A multi-word m gets wordfreq's phrase frequency {@code 1 / sum_i (1 / f(w_i))}, and 0 when a word is missing.
 * Scripts written without spaces (Han, Kana) are looked up as one string (wordfreq lists hold segmented words).
 */
public final class LinkProbabilityEstimate {

    /** Zipf 4: about once per 100,000 tokens. */
    public static final double COMMON_WORD_FREQUENCY = 1e-5;
    /** F0 of rule 5: the frequency a name of one language alone may have (Zipf 4, see the class comment). */
    public static final double NAME_FREQUENCY_FLOOR = 1e-5;

    private static final Map<String, BitSet> SCRIPTS = new ConcurrentHashMap<>();
    /** Every embedded list, in a fixed order, with its scripts. */
    private static final List<String> LISTED = new ArrayList<>(new TreeSet<>(WordFrequencies.EMBEDDED));

    private final List<String> languages;
    private final WordFrequencies[] lists = new WordFrequencies[LISTED.size()];
    private final BitSet[] listScripts = new BitSet[LISTED.size()];
    private final CharArraySet[] listStopwords = new CharArraySet[LISTED.size()];
    private final int[] ownList;
    private final CharArraySet[] stopwords;
    private final BitSet[] scripts;

    private final boolean lowerCaseRule;

    /** The estimate for the given languages (KB language codes), all rules; languages without a list get rules 1-3. */
    public LinkProbabilityEstimate(List<String> languages) {
        this(languages, true);
    }

    /**
     * @param lowerCaseRule apply rule 4; off for ICU names, whose lower-case names are the entity's own spelling
     *                      (French "euro", "allemand"), not a concept word linked to something else
     */
    public LinkProbabilityEstimate(List<String> languages, boolean lowerCaseRule) {
        this.lowerCaseRule = lowerCaseRule;
        this.languages = List.copyOf(languages);
        for (int i = 0; i < LISTED.size(); i++) {
            lists[i] = WordFrequencies.embedded(LISTED.get(i));
            listScripts[i] = scriptsOf(LISTED.get(i));
            listStopwords[i] = Stopwords.of(LISTED.get(i));
        }
        int n = this.languages.size();
        ownList = new int[n];
        stopwords = new CharArraySet[n];
        scripts = new BitSet[n];
        for (int l = 0; l < n; l++) {
            String lang = this.languages.get(l);
            ownList[l] = LISTED.indexOf(lang);
            stopwords[l] = Stopwords.of(lang);
            scripts[l] = scriptsOf(lang);
        }
    }

    public List<String> languages() {
        return languages;
    }

    /**
     * Rules 1-5 for one surface in every language at once (the word frequencies are looked up once).
     *
     * @param written the surface as the source writes it (case matters for rule 4)
     * @param folded  the KB-normalised surface (NFKC, case-folded)
     * @param lp      out: per language (constructor order), the estimate; 0 when dropped
     * @param reason  out: per language, why lp is 0 ("script", "length", "stopword", "lower-case common word"),
     *                else null
     */
    public void estimate(String written, String folded, double[] lp, String[] reason) {
        BitSet used = scriptsUsed(folded);
        boolean oneCodePoint = folded.codePointCount(0, folded.length()) <= 1;
        boolean lowerCase = lowerCaseRule && !hasUpperCase(written) && hasCasedLetter(written) && oneWord(folded);
        double[] f = null;
        for (int l = 0; l < languages.size(); l++) {
            lp[l] = 0;
            if (used.isEmpty() || !subset(used, scripts[l])) {
                reason[l] = "script";
                continue;
            }
            if (oneCodePoint) {
                reason[l] = "length";
                continue;
            }
            if (stopwords[l] != null && stopwords[l].contains(folded)) {
                reason[l] = "stopword";
                continue;
            }
            reason[l] = null;
            int own = ownList[l];
            if (own < 0) {
                lp[l] = 1;
                continue;
            }
            if (f == null) {
                f = new double[lists.length];
                for (int i = 0; i < lists.length; i++) {
                    // -1: another script, or a stopword there (no evidence about a name)
                    f[i] = subset(used, listScripts[i]) && (listStopwords[i] == null || !listStopwords[i].contains(folded))
                            ? frequency(lists[i], folded, used) : -1;
                }
            }
            double fL = f[own];
            if (lowerCase && fL >= COMMON_WORD_FREQUENCY) {
                reason[l] = "lower-case common word";
                continue;
            }
            if (fL == 0) {
                lp[l] = 1;
                continue;
            }
            double fRef = NAME_FREQUENCY_FLOOR;
            for (int i = 0; i < lists.length; i++) {
                if (i != own && f[i] > fRef) {
                    fRef = f[i];
                }
            }
            lp[l] = Math.min(1, fRef / fL);
        }
    }

    /** One language's estimate (tests, ICU names): {@link #estimate(String, String, double[], String[])}. */
    public double estimate(String language, String written, String folded) {
        int l = languages.indexOf(language);
        if (l < 0) {
            throw new IllegalArgumentException("language '" + language + "' is not one of " + languages);
        }
        double[] lp = new double[languages.size()];
        estimate(written, folded, lp, new String[languages.size()]);
        return lp[l];
    }

    /** wordfreq's phrase frequency of a folded surface in one list. */
    static double frequency(WordFrequencies list, String folded, BitSet used) {
        if (noSpaces(used)) {
            return list.frequency(folded);
        }
        double inverse = 0;
        int words = 0;
        int i = 0;
        int n = folded.length();
        while (i < n) {
            while (i < n && !wordChar(folded.codePointAt(i))) {
                i += Character.charCount(folded.codePointAt(i));
            }
            int start = i;
            while (i < n && wordChar(folded.codePointAt(i))) {
                i += Character.charCount(folded.codePointAt(i));
            }
            if (start == i) {
                break;
            }
            double f = list.frequency(folded.substring(start, i));
            if (f == 0) {
                return 0;
            }
            inverse += 1 / f;
            words++;
        }
        return words == 0 ? 0 : 1 / inverse;
    }

    private static boolean oneWord(String folded) {
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (!wordChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    private static boolean noSpaces(BitSet used) {
        return used.get(UScript.HAN) || used.get(UScript.HIRAGANA) || used.get(UScript.KATAKANA)
                || used.get(UScript.THAI);
    }

    /** Scripts of the letters of s (Common and Inherited ignored). */
    static BitSet scriptsUsed(String s) {
        BitSet b = new BitSet();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp)) {
                int sc = UScript.getScript(cp);
                if (sc != UScript.COMMON && sc != UScript.INHERITED) {
                    b.set(sc);
                }
            }
            i += Character.charCount(cp);
        }
        return b;
    }

    /** The scripts a language is written in, from ICU's locale data ("ja" -> Kana, Hira, Hani). */
    public static BitSet scriptsOf(String language) {
        return SCRIPTS.computeIfAbsent(language, l -> {
            BitSet b = new BitSet();
            for (int code : UScript.getCode(new ULocale(l))) {
                b.set(code);
                if (code == UScript.JAPANESE) { // ICU gives "Jpan" for some data: Han + Hiragana + Katakana
                    b.set(UScript.HAN);
                    b.set(UScript.HIRAGANA);
                    b.set(UScript.KATAKANA);
                }
                if (code == UScript.KOREAN) {
                    b.set(UScript.HANGUL);
                    b.set(UScript.HAN);
                }
            }
            if (b.isEmpty()) {
                b.set(UScript.LATIN); // ICU has no script data for the code: assume Latin
            }
            return b;
        });
    }

    private static boolean subset(BitSet a, BitSet b) {
        for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
            if (!b.get(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean hasUpperCase(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (UCharacter.isUUppercase(cp) || UCharacter.isTitleCase(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static boolean hasCasedLetter(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (UCharacter.hasBinaryProperty(cp, UProperty.CASED)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
