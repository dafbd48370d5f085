package org.boe4j.kb;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;

/**
 * The one normalisation applied to surface forms at build time and to text at query time, so that both sides
 * meet: Unicode NFKC (compatibility forms: full-width Latin, ligatures, NBSP) plus, when the KB is
 * case-insensitive, full Unicode case folding (ICU's NFKC_Casefold, e.g. "Straße" -> "strasse",
 * "ΣΟΦΊΑ" -> "σοφία"), and every run of white space becomes one U+0020.
 *
 * <p>Query-time text is normalised piece by piece, cutting only where the normaliser reports a boundary
 * ({@link Normalizer2#hasBoundaryBefore}); by ICU's contract the concatenation of the pieces' normal forms
 * equals the normal form of the whole text, so a surface normalised as a whole is found in text normalised
 * in pieces, and every output char knows the UTF-16 span of the original piece it came from.
 */
public final class SurfaceNormalizer {

    private final Normalizer2 normalizer;
    private final boolean caseInsensitive;

    public SurfaceNormalizer(boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        this.normalizer = caseInsensitive ? Normalizer2.getNFKCCasefoldInstance() : Normalizer2.getNFKCInstance();
    }

    public boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** The normal form of a surface: normalised, white space collapsed and trimmed. */
    public String normalize(String surface) {
        return normalizeText(surface).text().strip();
    }

    /** Normalises a whole text, keeping the map from normalised chars back to UTF-16 indices of the input. */
    public NormalizedText normalizeText(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 8);
        int[] origStart = new int[n + 8];
        int[] origEnd = new int[n + 8];
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int cpLen = Character.charCount(cp);
            if (isSpace(cp)) {
                int j = i + cpLen;
                while (j < n && isSpace(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                int k = out.length();
                out.append(' ');
                origStart = grow(origStart, k + 1);
                origEnd = grow(origEnd, k + 1);
                origStart[k] = i;
                origEnd[k] = j;
                i = j;
                continue;
            }
            if (cp < 0x80 && (i + 1 >= n || text.charAt(i + 1) < 0x300)) {
                // ASCII followed by a char that cannot combine with it: NFKC is the identity, folding is lower-casing
                char c = (char) cp;
                if (caseInsensitive && c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                int k = out.length();
                out.append(c);
                origStart = grow(origStart, k + 1);
                origEnd = grow(origEnd, k + 1);
                origStart[k] = i;
                origEnd[k] = i + 1;
                i++;
                continue;
            }
            if (normalizer.isInert(cp)) {
                // unchanged by normalisation and never combining with a neighbour: its own piece, as is
                // (most CJK, Cyrillic, Greek lower-case letters; saves a substring per char)
                int k = out.length();
                out.appendCodePoint(cp);
                origStart = grow(origStart, out.length());
                origEnd = grow(origEnd, out.length());
                for (int m = k; m < out.length(); m++) {
                    origStart[m] = i;
                    origEnd[m] = i + cpLen;
                }
                i += cpLen;
                continue;
            }
            // one normalisation piece: this code point plus following ones that have no boundary before them
            int j = i + cpLen;
            while (j < n) {
                int next = text.codePointAt(j);
                if (isSpace(next) || normalizer.hasBoundaryBefore(next)) {
                    break;
                }
                j += Character.charCount(next);
            }
            String piece = text.substring(i, j);
            String norm = normalizer.isNormalized(piece) ? piece : normalizer.normalize(piece);
            int k = out.length();
            out.append(norm);
            origStart = grow(origStart, out.length());
            origEnd = grow(origEnd, out.length());
            for (int m = k; m < out.length(); m++) {
                origStart[m] = i;
                origEnd[m] = j;
            }
            i = j;
        }
        return new NormalizedText(text, out.toString(), origStart, origEnd);
    }

    private static boolean isSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || UCharacter.isUWhiteSpace(cp);
    }

    private static int[] grow(int[] a, int needed) {
        if (needed <= a.length) {
            return a;
        }
        int[] b = new int[Math.max(needed, a.length * 2)];
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }
}
