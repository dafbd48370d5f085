package org.boe4j.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.io.Progress;
import org.boe4j.wiki.WikiDumpReader;
import org.boe4j.wiki.WikiTextParser;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plain text of the Wikipedia pages a SHINRA2020-ML annotation file names, taken from a MediaWiki XML dump of
 * the same language (read with the KB's {@link WikiDumpReader}, wikitext turned into prose by
 * {@link WikiTextParser}). Only the wanted articles are parsed and kept, each cut to {@code maxChars}, so a full
 * dump streams through in constant memory apart from the kept texts.
 *
 * <p>A page is found by its page id, else by its exact title (dumps of another date may renumber a page; titles
 * rarely change). Redirect pages and pages outside namespace 0 are never text.
 */
public final class DumpPageTexts implements PageTextSource {

    private final Map<Long, String> byId;
    private final Map<String, String> byTitle;
    private final long articlesRead;

    private DumpPageTexts(Map<Long, String> byId, Map<String, String> byTitle, long articlesRead) {
        this.byId = byId;
        this.byTitle = byTitle;
        this.articlesRead = articlesRead;
    }

    /** The page ids and titles an annotation file names (lines that do not parse are left to the real reader). */
    public record Wanted(Set<Long> ids, Set<String> titles) {
        public static Wanted of(Path annotations) throws IOException {
            Set<Long> ids = new HashSet<>();
            Set<String> titles = new HashSet<>();
            try (BufferedReader r = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonElement e = JsonParser.parseString(line);
                        if (!e.isJsonObject()) {
                            continue;
                        }
                        JsonObject o = e.getAsJsonObject();
                        if (o.has("pageid") && o.get("pageid").isJsonPrimitive()) {
                            try {
                                ids.add(Long.parseLong(o.get("pageid").getAsString().strip()));
                            } catch (NumberFormatException ignored) {
                                // reported as a bad row by Shinra.read
                            }
                        }
                        if (o.has("title") && o.get("title").isJsonPrimitive()) {
                            titles.add(o.get("title").getAsString());
                        }
                    } catch (RuntimeException ignored) {
                        // malformed JSON: Shinra.read reports the line
                    }
                }
            } catch (MalformedInputException e) {
                // Shinra.read reports the exact line and byte; names are collected up to here
            }
            return new Wanted(ids, titles);
        }
    }

    /**
     * Streams {@code dump} ({@code .xml}, {@code .bz2}, {@code .gz}, {@code .xz}) keeping the wanted articles.
     *
     * @param maxChars characters kept per page (0: all)
     */
    public static DumpPageTexts read(Path dump, Wanted wanted, int maxChars, boolean allowTruncated, Progress progress)
            throws IOException {
        if (!Files.isRegularFile(dump)) {
            throw new FileNotFoundException(dump + " (the Wikipedia dump giving the SHINRA page texts)");
        }
        Map<Long, String> byId = new HashMap<>();
        Map<String, String> byTitle = new HashMap<>();
        long[] articles = {0};
        WikiTextParser[] parser = {null};
        new WikiDumpReader(allowTruncated).read(dump, (page, site) -> {
            if (page.namespace() != 0 || page.isRedirect()) {
                return;
            }
            articles[0]++;
            boolean idWanted = wanted.ids().contains(page.id());
            boolean titleWanted = wanted.titles().contains(page.title());
            if (!idWanted && !titleWanted) {
                return;
            }
            if (parser[0] == null) {
                parser[0] = new WikiTextParser(site.namespaces(), site.firstLetterCase());
            }
            String text = cut(parser[0].parse(page.text()).text(), maxChars);
            if (idWanted) {
                byId.put(page.id(), text);
            }
            if (titleWanted) {
                byTitle.put(page.title(), text);
            }
        }, progress);
        return new DumpPageTexts(byId, byTitle, articles[0]);
    }

    @Override
    public Optional<String> text(long pageId, String title) {
        String t = byId.get(pageId);
        return Optional.ofNullable(t != null ? t : byTitle.get(title));
    }

    /** Articles (namespace 0, not redirects) the dump held. */
    public long articlesRead() {
        return articlesRead;
    }

    /** Pages kept, found by id. */
    public int pagesKeptById() {
        return byId.size();
    }

    /** At most {@code max} chars (0: all), never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (max <= 0 || text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
