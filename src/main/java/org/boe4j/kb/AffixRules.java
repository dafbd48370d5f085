package org.boe4j.kb;

/**
 * The affixes a mention may carry inside its own space-delimited word, for one language (docs/kb.md "Affixes").
 * Dictionaries hold citation forms ("Japan" as 일본, יפן, Япония); running text glues particles, proclitics and case
 * endings to them (일본에, ליפן, Японии). {@link MentionExtractor} finds, with the same single automaton pass, every
 * occurrence of a dictionary surface or of one of its {@link #addForms forms} (a stem, a rewritten spelling), and
 * asks {@link #accepts} whether the rest of the word around it is an affix of this language. The mention then spans
 * the whole word as written and takes the candidates and commonness of the dictionary surface.
 *
 * <p>Guards against ordinary words, shared by every language: the rest of the word is at most
 * {@link #maxPrefixLength()} / {@link #maxSuffixLength()} chars and must be on the language's list (never "any
 * letters"); each language sets a minimum length for a surface that takes affixes; and an affixed reading of a word
 * is dropped when the whole word is itself a dictionary surface (ליבנון-like words that merely start with a
 * proclitic letter keep their own entry). Languages without rules match exactly, as before.
 */
public abstract class AffixRules {

    /** Kind of the form that is the dictionary surface itself. */
    public static final int SURFACE = 0;

    /** Receives the extra forms of a surface: {@code text} (normalised) with a language-specific kind > 0. */
    @FunctionalInterface
    public interface FormSink {
        void form(String text, int kind);
    }

    /** No affixes: a mention is a dictionary surface between two word boundaries. */
    public static final AffixRules NONE = new AffixRules(0, 0) {
        @Override
        public boolean accepts(String surface, int kind, String prefix, String suffix) {
            return false;
        }
    };

    /** The rules of a KB language ("ko", "he", "ar", "ru", "de"); {@link #NONE} for every other language. */
    public static AffixRules forLanguage(String kbLanguage) {
        return switch (kbLanguage) {
            case "ko" -> KoreanParticles.RULES;
            case "he" -> HebrewProclitics.RULES;
            case "ar" -> ArabicProclitics.RULES;
            case "ru" -> RussianCaseEndings.RULES;
            default -> NONE;
        };
    }

    private final int maxPrefixLength;
    private final int maxSuffixLength;

    /** @param maxPrefixLength longest affix before a form, maxSuffixLength after it (UTF-16 chars; 0: none) */
    protected AffixRules(int maxPrefixLength, int maxSuffixLength) {
        this.maxPrefixLength = maxPrefixLength;
        this.maxSuffixLength = maxSuffixLength;
    }

    /** Longest prefix (UTF-16 chars) looked at before a form inside its word. */
    public final int maxPrefixLength() {
        return maxPrefixLength;
    }

    /** Longest suffix (UTF-16 chars) looked at after a form inside its word. */
    public final int maxSuffixLength() {
        return maxSuffixLength;
    }

    /**
     * Extra forms of a normalised dictionary surface to look for in text besides the surface itself (kind
     * {@link #SURFACE}); none by default.
     */
    public void addForms(String surface, FormSink sink) {
    }

    /**
     * Whether a word made of {@code prefix} + a form of {@code surface} of the given kind + {@code suffix} is an
     * inflected or cliticised {@code surface}. Called only when the word is not the bare surface (for a
     * {@link #SURFACE} form, {@code prefix} or {@code suffix} is non-empty); both are normalised text.
     */
    public abstract boolean accepts(String surface, int kind, String prefix, String suffix);

    /** True when the rules add nothing (the extractor then keeps its exact-match path). */
    public final boolean isNone() {
        return this == NONE;
    }

    /** Code points of a string (the minimum lengths count letters, not UTF-16 chars). */
    static int letters(String s) {
        return s.codePointCount(0, s.length());
    }
}
