package org.boe4j.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SHINRA2020-ML: Wikipedia pages labelled with Extended Named Entity (ENE) types, multi-label. The annotation
 * files are JSON lines, one page each, {@code {"pageid": 12, "title": "...", "ENEs": ...}}, where {@code ENEs}
 * is either a list {@code [{"ENE_id": "1.7.2", "ENE_name": "..."}, ...]} or, as in the distributed training
 * data, an object mapping an annotation source to such a list
 * ({@code {"AUTO.TOHOKU.201906": [{"prob": 0.92, "ENE_id": "1.7.2"}]}}); the labels are the distinct ENE ids over
 * all lists. The page text is not in the files: it comes from a {@link PageTextSource} built on a Wikipedia dump
 * of the same language. A page the source does not have is a bad row ("no text").
 *
 * <p>The paper trains on English and holds out 5% of it as dev, stratified by label:
 * {@link StratifiedSplit#trainDev(Dataset, double, long)} with {@link #DEV_FRACTION}.
 */
public final class Shinra {

    public static final String NAME = "shinra2020-ml";
    public static final double DEV_FRACTION = 0.05;

    private Shinra() {
    }

    public static Dataset read(DataFile file, String language, String split, PageTextSource pages,
                               BadRowPolicy policy) throws IOException {
        return read(file, language, split, pages, policy, 0);
    }

    /**
     * Reads an annotation file, keeping at most {@code maxTextChars} characters of each page text (0: all).
     * Whole Wikipedia pages of 439k English articles do not fit in memory, and the encoder reads at most 512
     * word pieces (a few thousand characters) anyway; the cut never splits a surrogate pair.
     */
    public static Dataset read(DataFile file, String language, String split, PageTextSource pages,
                               BadRowPolicy policy, int maxTextChars) throws IOException {
        BadRowReport bad = new BadRowReport(policy);
        LabelSpace labels = new LabelSpace(null);
        List<Example> examples = new ArrayList<>();
        Map<Long, Long> pageLines = new HashMap<>();
        SourceFile source;
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                SourceLocation at = new SourceLocation(file.name(), line.number());
                if (line.isMalformed()) {
                    bad.reject(at, line.malformed());
                    continue;
                }
                if (Text.isBlank(line.text())) {
                    continue;
                }
                JsonObject obj = JsonlReader.parseObject(line.text(), at, bad);
                if (obj == null) {
                    continue;
                }
                Long pageId = pageId(JsonlReader.string(obj, "pageid"));
                if (pageId == null) {
                    bad.reject(at, "field 'pageid' missing or not an integer");
                    continue;
                }
                String title = JsonlReader.string(obj, "title");
                if (title == null) {
                    title = "";
                }
                List<String> enes = new ArrayList<>();
                String problem = collectEnes(obj.get("ENEs"), enes);
                if (problem == null && enes.isEmpty()) {
                    problem = "no ENE labels in field 'ENEs'";
                }
                if (problem != null) {
                    bad.reject(at, problem);
                    continue;
                }
                Long first = pageLines.putIfAbsent(pageId, line.number());
                if (first != null) {
                    bad.reject(at, "duplicate pageid " + pageId + " (first at line " + first + ")");
                    continue;
                }
                Optional<String> text = pages.text(pageId, title);
                if (text.isEmpty() || Text.isBlank(text.get())) {
                    pageLines.remove(pageId);
                    bad.reject(at, "no text for page " + pageId + " '" + title + "' in the page source");
                    continue;
                }
                enes.forEach(labels::add);
                examples.add(new Example(Long.toString(pageId), language, truncate(text.get(), maxTextChars), enes,
                        at));
            }
            source = lines.finish();
        }
        String how = maxTextChars > 0 ? "page texts cut to " + maxTextChars + " characters" : "";
        return new Dataset(NAME, language, split, labels.labels(), true, examples, List.of(source), how, bad);
    }

    /**
     * The paper's English setup: the English annotation file read as "train", then 5% split off as "dev" by
     * iterative stratification over the ENE labels ({@link StratifiedSplit}), deterministic for a seed.
     */
    public static StratifiedSplit.TrainDev englishTrainDev(DataFile file, PageTextSource pages, BadRowPolicy policy,
                                                           int maxTextChars, long seed) throws IOException {
        Dataset all = read(file, "en", "train", pages, policy, maxTextChars);
        return StratifiedSplit.trainDev(all, DEV_FRACTION, seed);
    }

    static String truncate(String text, int maxChars) {
        if (maxChars <= 0 || text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    private static Long pageId(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds the ENE ids found in {@code enes} to {@code out}; returns a reason if the field is malformed. */
    private static String collectEnes(JsonElement enes, List<String> out) {
        if (enes == null || enes.isJsonNull()) {
            return "field 'ENEs' missing";
        }
        if (enes.isJsonArray()) {
            return collectList(enes.getAsJsonArray(), out);
        }
        if (enes.isJsonObject()) {
            for (Map.Entry<String, JsonElement> bySource : enes.getAsJsonObject().entrySet()) {
                if (!bySource.getValue().isJsonArray()) {
                    return "field 'ENEs." + bySource.getKey() + "' is not a list";
                }
                String p = collectList(bySource.getValue().getAsJsonArray(), out);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return "field 'ENEs' is neither a list nor an object";
    }

    private static String collectList(JsonArray list, List<String> out) {
        for (JsonElement e : list) {
            String id = e.isJsonObject() ? JsonlReader.string(e.getAsJsonObject(), "ENE_id") : null;
            if (id == null || id.isBlank()) {
                return "an entry of 'ENEs' has no 'ENE_id': " + Text.excerpt(e.toString());
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return null;
    }
}
