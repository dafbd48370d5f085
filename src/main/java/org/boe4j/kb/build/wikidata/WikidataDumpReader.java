package org.boe4j.kb.build.wikidata;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.boe4j.io.CompressedInput;
import org.boe4j.io.Progress;

/**
 * Reads the Wikidata JSON dump ({@code latest-all.json[.gz|.bz2]}: a {@code [} line, one entity per line with a
 * trailing comma, a {@code ]} line) and collects, for the chosen languages, the sitelinks {@code <lang>wiki}
 * and {@code enwiki}: (language, local title) -> English title, and optionally item id -> English title.
 *
 * <p>Each line is parsed on its own with Gson's streaming {@link JsonReader}; only {@code id} and the wanted
 * sitelinks are materialised, everything else (claims, labels: most of the bytes) is skipped unparsed into
 * objects. Memory is bounded by the longest line plus the pairs kept.
 *
 * <p>A line that is not one JSON object with an {@code id} is counted as malformed, and the first few line
 * numbers are reported; reading fails with {@link MalformedDumpException} once more than
 * {@code maxMalformedLines} are malformed, or at the end when their share exceeds
 * {@code maxMalformedFraction}. An empty map written as {@code []} (a known quirk of Wikibase's PHP
 * serialisation, kept in Wikidata-Toolkit's mock dump) is accepted as empty.
 */
public final class WikidataDumpReader {

    /** How many malformed line numbers a report keeps. */
    public static final int REPORTED_LINES = 10;

    /**
     * @param languages            Wikipedia language codes to collect ("ja", "de", ...); "en" adds nothing
     * @param collectItemIds       also keep item id -> English title
     * @param maxMalformedLines    fail as soon as more lines than this are malformed (default 1000)
     * @param maxMalformedFraction fail at the end when malformed / entity lines exceeds this (default 0.01)
     * @param allowTruncated       accept a dump without its closing {@code ]} line (reported)
     */
    public record Options(Set<String> languages, boolean collectItemIds, long maxMalformedLines,
            double maxMalformedFraction, boolean allowTruncated) implements Serializable {

        public static final long DEFAULT_MAX_MALFORMED_LINES = 1000;
        public static final double DEFAULT_MAX_MALFORMED_FRACTION = 0.01;

        public Options {
            languages = Set.copyOf(languages);
            if (maxMalformedLines < 0 || !(maxMalformedFraction >= 0 && maxMalformedFraction <= 1)) {
                throw new IllegalArgumentException("malformed-line limits must be >= 0 and a fraction in [0, 1], got "
                        + maxMalformedLines + " and " + maxMalformedFraction);
            }
        }

        public static Options of(Set<String> languages) {
            return new Options(languages, false, DEFAULT_MAX_MALFORMED_LINES, DEFAULT_MAX_MALFORMED_FRACTION, false);
        }

        public Options withLimits(long lines, double fraction) {
            return new Options(languages, collectItemIds, lines, fraction, allowTruncated);
        }

        public Options withItemIds(boolean collect) {
            return new Options(languages, collect, maxMalformedLines, maxMalformedFraction, allowTruncated);
        }

        public Options withAllowTruncated(boolean allow) {
            return new Options(languages, collectItemIds, maxMalformedLines, maxMalformedFraction, allow);
        }
    }

    /** One malformed line: its 1-based number and why. */
    public record MalformedLine(long lineNumber, String reason) {
    }

    /**
     * What a read found.
     *
     * @param entityLines         lines holding one well-formed entity
     * @param withEnglish         entities with an enwiki sitelink
     * @param malformedCount      malformed lines
     * @param firstMalformed      the first {@link #REPORTED_LINES} malformed lines
     * @param sitelinksByLanguage wanted-language sitelinks seen (with or without an English counterpart)
     * @param complete            whether the closing {@code ]} line was seen
     */
    public record Result(InterlanguageLinks links, long lines, long entityLines, long withEnglish,
            long malformedCount, List<MalformedLine> firstMalformed, Map<String, Long> sitelinksByLanguage,
            boolean complete, long compressedBytes, long uncompressedBytes, double seconds) {
    }

    private final Options options;
    private final Map<String, String> siteToLanguage = new HashMap<>();

    public WikidataDumpReader(Options options) {
        this.options = options;
        for (String language : options.languages()) {
            siteToLanguage.put(language.replace('-', '_') + "wiki", language);
        }
        siteToLanguage.put("enwiki", "en");
    }

    public Result read(Path dump, Progress progress) throws IOException {
        long start = System.nanoTime();
        InterlanguageLinks links = new InterlanguageLinks();
        Map<String, Long> perLanguage = new HashMap<>();
        List<MalformedLine> firstMalformed = new ArrayList<>();
        long lineNumber = 0;
        long entities = 0;
        long withEnglish = 0;
        long malformed = 0;
        boolean opened = false;
        boolean closed = false;
        try (CompressedInput in = CompressedInput.open(dump, true);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in.stream(), StandardCharsets.UTF_8),
                     1 << 16)) {
            String line;
            Map<String, String> sitelinks = new HashMap<>();
            while ((line = readLine(reader, dump, lineNumber)) != null) {
                lineNumber++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.equals("[")) {
                    opened = true;
                    continue;
                }
                if (s.equals("]")) {
                    closed = true;
                    continue;
                }
                if (closed) {
                    malformed++;
                    remember(firstMalformed, lineNumber, "content after the closing ']' line");
                } else {
                    sitelinks.clear();
                    String error = parseEntity(s, sitelinks);
                    if (error != null) {
                        malformed++;
                        remember(firstMalformed, lineNumber, error);
                    } else {
                        entities++;
                        if (emitLinks(sitelinks, options.collectItemIds(), perLanguage, links::putItem, links::put)) {
                            withEnglish++;
                        }
                    }
                }
                if (malformed > options.maxMalformedLines()) {
                    throw new MalformedDumpException(String.format(Locale.ROOT,
                            "%s: more than %d malformed lines (limit --max-malformed-lines) by line %d; first: %s",
                            dump, options.maxMalformedLines(), lineNumber, describe(firstMalformed)));
                }
                if ((lineNumber & 0x3ff) == 0) {
                    progress.update(in.compressedBytesRead(), entities + " entities");
                }
            }
            checkEnd(dump.toString(), options, opened, closed, lineNumber, entities, malformed, firstMalformed);
            progress.update(in.compressedBytesRead(), entities + " entities");
            return new Result(links, lineNumber, entities, withEnglish, malformed, List.copyOf(firstMalformed),
                    Map.copyOf(perLanguage), closed, in.compressedBytesRead(), in.uncompressedBytesRead(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static String readLine(BufferedReader reader, Path dump, long linesSoFar) throws IOException {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new IOException(dump + ": the compressed stream breaks after line " + linesSoFar + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Receives an item's English title ({@code id -> english}). */
    public interface ItemSink {
        void item(String id, String english);
    }

    /** Receives one inter-language pair ({@code language, local title -> english}). */
    public interface PairSink {
        void pair(String language, String title, String english);
    }

    /**
     * What one well-formed entity contributes, shared with the Spark reader so both build the same map: each of its
     * languages is counted in {@code perLanguage}; when it has an English page, its id (if {@code collectItemIds})
     * and every non-English sitelink are reported against the English title.
     *
     * @param sitelinks what {@link #parseEntity} filled ("" -> id, language -> title); the id entry is removed
     * @return whether the entity has an English page
     */
    public static boolean emitLinks(Map<String, String> sitelinks, boolean collectItemIds,
                                    Map<String, Long> perLanguage, ItemSink items, PairSink pairs) {
        String id = sitelinks.remove("");
        String english = sitelinks.get("en");
        for (String language : sitelinks.keySet()) {
            perLanguage.merge(language, 1L, Long::sum);
        }
        if (english == null) {
            return false;
        }
        if (collectItemIds) {
            items.item(id, english);
        }
        for (Map.Entry<String, String> e : sitelinks.entrySet()) {
            if (!e.getKey().equals("en")) {
                pairs.pair(e.getKey(), e.getValue(), english);
            }
        }
        return true;
    }

    /**
     * The checks at the end of a dump, shared with the Spark reader: a file with neither '[' nor an entity is not a
     * dump; a missing closing ']' is a truncation unless allowed; too large a share of malformed lines is fatal.
     */
    public static void checkEnd(String dump, Options options, boolean opened, boolean closed, long lastLine,
                                long entities, long malformed, List<MalformedLine> firstMalformed)
            throws MalformedDumpException {
        if (!opened && entities == 0) {
            throw new MalformedDumpException(dump + ": no '[' line and no entity: not a Wikidata JSON dump ("
                    + malformed + " malformed lines; first: " + describe(firstMalformed) + ")");
        }
        if (!closed && !options.allowTruncated()) {
            throw new MalformedDumpException(dump + ": the dump ends after line " + lastLine
                    + " without its closing ']' line (truncated?); use --allow-truncated to keep what was read");
        }
        double share = (double) malformed / Math.max(1, entities + malformed);
        if (share > options.maxMalformedFraction()) {
            throw new MalformedDumpException(String.format(Locale.ROOT,
                    "%s: %d of %d entity lines are malformed (%.2f%% > %.2f%%, limit --max-malformed-fraction);"
                            + " first: %s", dump, malformed, entities + malformed, 100 * share,
                    100 * options.maxMalformedFraction(), describe(firstMalformed)));
        }
    }

    /** Keeps the first {@value #REPORTED_LINES} malformed lines for the error message and the report. */
    public static void remember(List<MalformedLine> first, long lineNumber, String reason) {
        if (first.size() < REPORTED_LINES) {
            first.add(new MalformedLine(lineNumber, reason));
        }
    }

    public static String describe(List<MalformedLine> first) {
        StringBuilder b = new StringBuilder();
        for (MalformedLine m : first) {
            b.append(b.length() == 0 ? "" : "; ").append("line ").append(m.lineNumber()).append(": ").append(m.reason());
        }
        return b.toString();
    }

    /**
     * Parses one entity line into {@code out}: "" -> id, language -> sitelink title (wanted languages and "en").
     * Returns null when well-formed, else the reason. Also used line by line by the Spark reader
     * (org.boe4j.spark), so that both read the dump identically.
     */
    public String parseEntity(String line, Map<String, String> out) {
        String json = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            reader.beginObject();
            String id = null;
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("id") && reader.peek() == JsonToken.STRING) {
                    id = reader.nextString();
                } else if (name.equals("sitelinks") && reader.peek() == JsonToken.BEGIN_OBJECT) {
                    readSitelinks(reader, out);
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return "text after the entity object";
            }
            if (id == null || id.isEmpty()) {
                return "entity without a string \"id\"";
            }
            out.put("", id);
            return null;
        } catch (MalformedJsonException | IllegalStateException | JsonParseException | NumberFormatException e) {
            return "invalid JSON: " + shorten(e.getMessage());
        } catch (IOException e) { // EOFException from a cut line
            return "incomplete JSON: " + shorten(e.getMessage());
        }
    }

    private void readSitelinks(JsonReader reader, Map<String, String> out) throws IOException {
        reader.beginObject();
        while (reader.hasNext()) {
            String site = reader.nextName();
            String language = siteToLanguage.get(site);
            if (language == null || reader.peek() != JsonToken.BEGIN_OBJECT) {
                reader.skipValue();
                continue;
            }
            reader.beginObject();
            while (reader.hasNext()) {
                if (reader.nextName().equals("title") && reader.peek() == JsonToken.STRING) {
                    String title = reader.nextString();
                    if (!title.isBlank()) {
                        out.put(language, title);
                    }
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
        }
        reader.endObject();
    }

    private static String shorten(String message) {
        String m = message == null ? "" : message.replaceAll("\\s+", " ");
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
