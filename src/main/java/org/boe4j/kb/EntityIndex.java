package org.boe4j.kb;
import org.boe4j.wiki.WikiTitles;

import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * English entity title <-> int id, the row order of the entity vector matrix. Id 0 is reserved for padding
 * (a batch pads documents with fewer entities with it); real entities are 1..size()-1, in sorted title order so
 * that the same KB always gives the same ids.
 */
public final class EntityIndex {

    /** The placeholder title of id 0. */
    public static final String PADDING = "<pad>";

    private final List<String> titles;
    private final Map<String, Integer> ids;

    private EntityIndex(List<String> titlesWithPadding) {
        this.titles = Collections.unmodifiableList(titlesWithPadding);
        this.ids = new HashMap<>(titlesWithPadding.size() * 2);
        for (int i = 1; i < titlesWithPadding.size(); i++) {
            if (ids.put(titlesWithPadding.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate entity title '" + titlesWithPadding.get(i) + "'");
            }
        }
    }

    /** An index over these English titles (normalised, de-duplicated, sorted). */
    public static EntityIndex of(Collection<String> englishTitles) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String t : englishTitles) {
            String n = WikiTitles.normalize(t);
            if (!n.isEmpty()) {
                sorted.add(n);
            }
        }
        List<String> list = new ArrayList<>(sorted.size() + 1);
        list.add(PADDING);
        list.addAll(sorted);
        return new EntityIndex(list);
    }

    /**
     * Every English entity a KB can produce: the candidates of English-space dictionaries and the English
     * titles that local candidates map to.
     */
    public static EntityIndex fromKb(KnowledgeBase kb) {
        TreeSet<String> titles = new TreeSet<>();
        for (LanguageDictionary d : kb.dictionaries().values()) {
            for (String e : d.entitiesRaw()) {
                String en = kb.toEnglish(d.language(), e);
                if (en != null) {
                    titles.add(en);
                }
            }
        }
        return of(titles);
    }

    /** Number of ids including the padding id 0. */
    public int size() {
        return titles.size();
    }

    /** The id of an English title, or -1 when the index does not have it. */
    public int id(String englishTitle) {
        Integer i = ids.get(englishTitle);
        if (i == null) {
            i = ids.get(WikiTitles.normalize(englishTitle));
        }
        return i == null ? -1 : i;
    }

    public String title(int id) {
        return titles.get(id);
    }

    /** Titles by id (index 0 is {@link #PADDING}). */
    public List<String> titles() {
        return titles;
    }

    /** One title per line, line k (0-based) = id k; the first line is {@link #PADDING}. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, String.join("\n", titles) + "\n");
    }

    public static EntityIndex read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(PADDING)) {
            throw new IOException("entity index " + file + ": line 1 must be '" + PADDING + "', found "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IOException("entity index " + file + ": line " + (i + 1) + " is empty");
            }
        }
        return new EntityIndex(new ArrayList<>(lines));
    }
}
