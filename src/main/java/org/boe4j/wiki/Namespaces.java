package org.boe4j.wiki;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a link target lies outside the article namespace: a namespace prefix (category, file,
 * template, ...) or an interwiki / interlanguage prefix. Such links are skipped when counting anchors.
 *
 * <p>Sources of prefixes, in order:
 * <ol>
 *   <li>the namespaces the dump itself declares in {@code <siteinfo><namespaces>} (so that localized names such
 *       as "Kategorie", "Fichier", "ファイル" are recognised);</li>
 *   <li>MediaWiki's canonical English names, which every wiki accepts besides its local ones, plus the
 *       "Image" alias of the file namespace, and the local file/category/template names of the languages we
 *       build for (siteinfo does not list aliases: "画像:" is common in jawiki, "Bild:" in dewiki);</li>
 *   <li>interlanguage links: a prefix written as a lower-case language code ({@code fr:}, {@code zh-yue:},
 *       {@code simple:}) — MediaWiki accepts any case, but editors write them lower-case, and treating an
 *       upper-case "UN:" or "AC:" as a title prefix keeps real titles such as "UN: ..." intact;</li>
 *   <li>the Wikimedia sister-project prefixes ({@code wikt:}, {@code commons:}, {@code d:}, ...), any case.</li>
 * </ol>
 */
public final class Namespaces implements Serializable {

    /** MediaWiki canonical namespace names (and aliases) that every wiki accepts, by namespace key. */
    private static final Map<String, Integer> CANONICAL = Map.ofEntries(
            Map.entry("media", -2), Map.entry("special", -1), Map.entry("talk", 1), Map.entry("user", 2),
            Map.entry("user talk", 3), Map.entry("project", 4), Map.entry("project talk", 5),
            Map.entry("wikipedia", 4), Map.entry("wp", 4), Map.entry("file", 6), Map.entry("image", 6),
            Map.entry("file talk", 7), Map.entry("mediawiki", 8), Map.entry("template", 10),
            Map.entry("template talk", 11), Map.entry("help", 12), Map.entry("category", 14),
            Map.entry("category talk", 15), Map.entry("portal", 100), Map.entry("book", 108),
            Map.entry("draft", 118), Map.entry("timedtext", 710), Map.entry("module", 828),
            // The local names of the file, category and template namespaces in the paper's languages. A real
            // dump declares its own in siteinfo; these catch aliases siteinfo omits ("画像:" in jawiki) and
            // text from another wiki under an English siteinfo (DBpedia's minidumps).
            Map.entry("画像", 6), Map.entry("ファイル", 6), Map.entry("bild", 6), Map.entry("datei", 6),
            Map.entry("fichier", 6), Map.entry("imagen", 6), Map.entry("archivo", 6), Map.entry("immagine", 6),
            Map.entry("изображение", 6), Map.entry("файл", 6), Map.entry("图像", 6), Map.entry("圖像", 6),
            Map.entry("文件", 6), Map.entry("檔案", 6), Map.entry("صورة", 6), Map.entry("ملف", 6),
            Map.entry("चित्र", 6), Map.entry("ภาพ", 6), Map.entry("ไฟล์", 6),
            Map.entry("kategorie", 14), Map.entry("catégorie", 14), Map.entry("categoría", 14),
            Map.entry("categoria", 14), Map.entry("категория", 14), Map.entry("分类", 14), Map.entry("分類", 14),
            Map.entry("หมวดหมู่", 14), Map.entry("تصنيف", 14), Map.entry("श्रेणी", 14), Map.entry("カテゴリ", 14),
            Map.entry("vorlage", 10), Map.entry("modèle", 10), Map.entry("plantilla", 10), Map.entry("шаблон", 10),
            Map.entry("模板", 10), Map.entry("แม่แบบ", 10), Map.entry("قالب", 10), Map.entry("साँचा", 10),
            Map.entry("anexo", 104));

    /** Wikimedia sister projects and a few common interwiki prefixes. */
    private static final Set<String> INTERWIKI = Set.of("wikt", "wiktionary", "commons", "c", "s", "wikisource",
            "q", "wikiquote", "b", "wikibooks", "n", "wikinews", "v", "wikiversity", "voy", "wikivoyage", "d",
            "wikidata", "m", "meta", "metawikimedia", "species", "wikispecies", "mw", "mediawikiwiki", "w",
            "wmf", "foundation", "phab", "phabricator", "simple", "outreach", "incubator", "doi", "rfc",
            "google", "imdbtitle", "imdbname", "iarchive");

    /** Language codes as used for interlanguage links: "fr", "zh-yue", "be-x-old", "zh-min-nan". */
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{1,8})*");

    private final Map<String, Integer> declared = new HashMap<>();

    /** Namespaces known without a dump (canonical names only). */
    public Namespaces() {
    }

    /** Records a namespace declared in the dump's siteinfo ({@code <namespace key="14">Kategorie</namespace>}). */
    public void declare(int key, String name) {
        if (name != null && !name.isBlank()) {
            declared.put(normalizePrefix(name), key);
        }
    }

    /** Number of namespaces declared by the dump. */
    public int declaredCount() {
        return declared.size();
    }

    /**
     * Returns the namespace key of a link target's prefix: 0 for an article, the declared or canonical key for
     * a namespace prefix, and {@link Integer#MIN_VALUE} for an interwiki or interlanguage prefix.
     *
     * @param target the link target as written, a leading ':' already removed
     */
    public int namespaceOf(String target) {
        int colon = target.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        String rawPrefix = target.substring(0, colon).strip();
        String prefix = normalizePrefix(rawPrefix);
        Integer key = declared.get(prefix);
        if (key == null) {
            key = CANONICAL.get(prefix);
        }
        if (key != null) {
            return key;
        }
        if (LANGUAGE_CODE.matcher(rawPrefix).matches() || INTERWIKI.contains(prefix)) {
            return Integer.MIN_VALUE;
        }
        return 0;
    }

    private static String normalizePrefix(String name) {
        return name.replace('_', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
