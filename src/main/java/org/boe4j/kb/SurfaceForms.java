package org.boe4j.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strings a {@link MentionExtractor} with affix rules puts into its automaton: every dictionary surface plus
 * the forms its {@link AffixRules} add (a Russian stem, an Arabic لل spelling), sorted and de-duplicated, each with
 * its readings (surface index, form kind). One string may have several readings: the stem "росс" of Россия can
 * also be a surface of its own.
 *
 * <p>Layout: {@code texts[f]} is form f, its readings are {@code [start[f], start[f + 1])} of the parallel arrays
 * {@code surfaceOf} and {@code kindOf}.
 */
final class SurfaceForms {

    private final String[] texts;
    private final int[] start;
    private final int[] surfaceOf;
    private final int[] kindOf;

    private SurfaceForms(String[] texts, int[] start, int[] surfaceOf, int[] kindOf) {
        this.texts = texts;
        this.start = start;
        this.surfaceOf = surfaceOf;
        this.kindOf = kindOf;
    }

    /** @param surfaces the dictionary's sorted normalised surfaces */
    static SurfaceForms of(String[] surfaces, AffixRules rules) {
        record Reading(String text, int surface, int kind) {
        }
        List<Reading> all = new ArrayList<>(surfaces.length + surfaces.length / 2);
        for (int i = 0; i < surfaces.length; i++) {
            int surface = i;
            all.add(new Reading(surfaces[i], i, AffixRules.SURFACE));
            rules.addForms(surfaces[i], (text, kind) -> {
                if (kind <= AffixRules.SURFACE || text.isEmpty()) {
                    throw new IllegalStateException("a form needs a kind > 0 and a text: " + kind + " '" + text + "'");
                }
                all.add(new Reading(text, surface, kind));
            });
        }
        all.sort((a, b) -> {
            int c = a.text.compareTo(b.text);
            return c != 0 ? c : a.surface != b.surface ? Integer.compare(a.surface, b.surface)
                    : Integer.compare(a.kind, b.kind);
        });
        List<String> texts = new ArrayList<>();
        int[] start = new int[all.size() + 1];
        int[] surfaceOf = new int[all.size()];
        int[] kindOf = new int[all.size()];
        for (int k = 0; k < all.size(); k++) {
            Reading r = all.get(k);
            if (texts.isEmpty() || !texts.get(texts.size() - 1).equals(r.text)) {
                start[texts.size()] = k;
                texts.add(r.text);
            }
            surfaceOf[k] = r.surface;
            kindOf[k] = r.kind;
        }
        start[texts.size()] = all.size();
        return new SurfaceForms(texts.toArray(String[]::new), Arrays.copyOf(start, texts.size() + 1), surfaceOf,
                kindOf);
    }

    String[] texts() {
        return texts;
    }

    int firstReading(int form) {
        return start[form];
    }

    int endReading(int form) {
        return start[form + 1];
    }

    int surface(int reading) {
        return surfaceOf[reading];
    }

    int kind(int reading) {
        return kindOf[reading];
    }
}
