package org.boe4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.boe4j.kb.LanguageCounts;
import org.boe4j.kb.build.wikipedia.AnchorMatcher;
import org.boe4j.kb.build.wikipedia.AnchorOptions;
import org.boe4j.kb.build.wikipedia.AnchorStatistics;
import org.boe4j.kb.build.wikipedia.RedirectChains;
import org.boe4j.wiki.SiteInfo;
import org.boe4j.wiki.TruncatedDumpException;
import org.boe4j.wiki.WikiDumpReader;
import scala.Tuple2;

/**
 * The anchor statistics of a Wikipedia dump (docs/kb.md "Definitions") computed with Spark, equal to what
 * {@code WikipediaAnchorStatisticsBuilder} computes on one machine:
 * <ol>
 *   <li>pass 1: every split of the dump is parsed into article and redirect records ({@link PageAssembler});
 *       pages cut by split boundaries are joined and parsed on the driver; the records are cached (the Spark
 *       counterpart of the single-machine spill file);</li>
 *   <li>{@code links(m, e)}: a reduceByKey over (anchor, raw target), then a join with the redirect chains
 *       (resolved on the driver with the single-machine rule, {@link RedirectChains}) and a second
 *       reduceByKey over (anchor, final target);</li>
 *   <li>{@code pages(m)}: the anchor list is broadcast, every executor builds one {@link AnchorMatcher} from it,
 *       and each article yields each anchor it contains (text or links) once; a reduceByKey counts pages.</li>
 * </ol>
 * The results are collected on the driver, which feeds the KB builder as the single-machine builder does.
 */
final class SparkWikipediaAnchors {

    /** Marks a redirect chain that is cyclic or longer than the bound (in the join of raw targets). */
    private static final String UNRESOLVED = "\u0000unresolved";

    /** The statistics in the form {@link LanguageCounts} takes, with the single-machine summary. */
    record Counts(List<Tuple2<Tuple2<String, String>, Long>> links, List<String> anchors, Map<Integer, Long> pages,
            AnchorStatistics.Summary summary, int partitions) {

        /** Feeds {@code links(m, e)} and {@code pages(m)} to the KB builder, as AnchorStatistics.addTo does. */
        void addTo(LanguageCounts counts) {
            for (Tuple2<Tuple2<String, String>, Long> l : links) {
                counts.addLink(l._1()._1(), l._1()._2(), l._2());
            }
            pages.forEach((id, n) -> counts.addTextOccurrences(anchors.get(id), n));
        }
    }

    private SparkWikipediaAnchors() {
    }

    static Counts compute(JavaSparkContext sc, String dump, AnchorOptions options, int minPartitions)
            throws IOException {
        DumpFiles.checkReadable(dump);
        SiteInfo site;
        try (InputStream in = DumpFiles.open(dump, sc.hadoopConfiguration())) {
            site = WikiDumpReader.readSiteInfo(in, dump);
        }
        String name = new Path(dump).getName();
        Broadcast<SiteInfo> siteBc = sc.broadcast(site);
        JavaRDD<String> lines = sc.textFile(dump, minPartitions);
        int partitions = lines.getNumPartitions();
        JavaRDD<PageRecord> records = lines.mapPartitionsWithIndex(
                (split, it) -> new PageAssembler(split, it, siteBc.value(), options, name), true)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            // job 1: reads the dump once, fills the cache; fragments and counts are small
            List<PageRecord> small = records.filter(r -> r.kind == PageRecord.Kind.FRAGMENT
                    || r.kind == PageRecord.Kind.STATS).collect();
            Stitched stitched = stitch(small, site, options, dump);
            JavaRDD<PageRecord> pages = records.filter(r -> r.kind == PageRecord.Kind.ARTICLE
                    || r.kind == PageRecord.Kind.REDIRECT);
            if (!stitched.records.isEmpty()) {
                pages = pages.union(sc.parallelize(stitched.records, 1));
            }
            JavaRDD<PageRecord> articles = pages.filter(r -> r.kind == PageRecord.Kind.ARTICLE);

            // links(m, raw target)
            JavaPairRDD<Tuple2<String, String>, Long> raw = articles.flatMapToPair(a -> {
                List<Tuple2<Tuple2<String, String>, Long>> out = new ArrayList<>(a.linkAnchors.length);
                for (int i = 0; i < a.linkAnchors.length; i++) {
                    out.add(new Tuple2<>(new Tuple2<>(a.linkAnchors[i], a.linkTargets[i]), 1L));
                }
                return out.iterator();
            }).reduceByKey(Long::sum).persist(StorageLevel.MEMORY_AND_DISK_SER());

            // redirects: the last page of a title in dump order wins, as in the single-machine reader
            Map<String, String> redirectOf = new HashMap<>(pages.filter(r -> r.kind == PageRecord.Kind.REDIRECT)
                    .mapToPair(r -> new Tuple2<>(r.title, new Tuple2<>(r.order, r.target)))
                    .reduceByKey((x, y) -> x._1() >= y._1() ? x : y)
                    .mapValues(Tuple2::_2).collectAsMap());
            List<Tuple2<String, String>> finals = new ArrayList<>(redirectOf.size());
            for (String title : redirectOf.keySet()) {
                String end = RedirectChains.resolve(title, redirectOf::get, options.maxRedirectHops());
                finals.add(new Tuple2<>(title, end == null ? UNRESOLVED : end));
            }
            JavaPairRDD<Tuple2<String, String>, Long> resolvedRaw = raw
                    .mapToPair(p -> new Tuple2<>(p._1()._2(), new Tuple2<>(p._1()._1(), p._2())))
                    .leftOuterJoin(sc.parallelizePairs(finals, Math.max(1, raw.getNumPartitions())))
                    .mapToPair(j -> {
                        String target = j._1();
                        String end = j._2()._2().orElse(target);
                        boolean unresolved = UNRESOLVED.equals(end);
                        // an unresolved chain keeps its own title; the flag rides in the key's count sign
                        return new Tuple2<>(new Tuple2<>(j._2()._1()._1(), unresolved ? target : end),
                                unresolved ? -j._2()._1()._2() : j._2()._1()._2());
                    }).persist(StorageLevel.MEMORY_AND_DISK_SER());
            long unresolvedChains = resolvedRaw.filter(p -> p._2() < 0).count();
            List<Tuple2<Tuple2<String, String>, Long>> links = resolvedRaw.mapValues(Math::abs)
                    .reduceByKey(Long::sum).collect();

            // pages(m): every article contributes each anchor it contains once
            List<String> anchors = raw.keys().map(Tuple2::_1).distinct().collect();
            anchors = new ArrayList<>(anchors);
            anchors.sort(Comparator.naturalOrder());
            Broadcast<List<String>> anchorsBc = sc.broadcast(anchors);
            Map<Integer, Long> pagesContaining = new HashMap<>(articles.flatMapToPair(a -> {
                AnchorMatcher m = matcher(anchorsBc, options);
                BitSet seen = new BitSet();
                List<Tuple2<Integer, Long>> out = new ArrayList<>();
                for (int id : m.anchorsIn(a.text)) {
                    if (!seen.get(id)) {
                        seen.set(id);
                        out.add(new Tuple2<>(id, 1L));
                    }
                }
                for (String key : a.linkAnchors) {
                    int id = m.id(key);
                    if (!seen.get(id)) {
                        seen.set(id);
                        out.add(new Tuple2<>(id, 1L));
                    }
                }
                return out.iterator();
            }).reduceByKey(Long::sum).collectAsMap());
            resolvedRaw.unpersist();
            raw.unpersist();
            anchorsBc.destroy();

            long[] c = stitched.counts;
            AnchorStatistics.Summary summary = new AnchorStatistics.Summary(c[PagePass.PAGES], c[PagePass.ARTICLES],
                    c[PagePass.REDIRECTS], c[PagePass.LINKS], c[PagePass.LONG_ANCHORS], unresolvedChains,
                    anchors.size(), links.size(), 0, stitched.truncationMessage != null,
                    stitched.truncationMessage == null ? "" : stitched.truncationMessage);
            return new Counts(links, anchors, pagesContaining, summary, partitions);
        } finally {
            records.unpersist();
            siteBc.destroy();
        }
    }

    // ---------------------------------------------------------------- one matcher per executor JVM

    private static final Map<Long, AnchorMatcher> MATCHERS = new ConcurrentHashMap<>();

    /** The anchor matcher of a broadcast anchor list, built once per JVM (tasks of an executor share it). */
    private static AnchorMatcher matcher(Broadcast<List<String>> anchors, AnchorOptions options) {
        return MATCHERS.computeIfAbsent(anchors.id(), id -> {
            if (MATCHERS.size() > 4) {
                MATCHERS.clear(); // matchers of finished builds in a long-lived executor
            }
            return AnchorMatcher.of(options, anchors.value());
        });
    }

    // ---------------------------------------------------------------- pages cut by split boundaries

    /** The records of the joined pages, the total counts and the truncation (null when complete). */
    private record Stitched(List<PageRecord> records, long[] counts, String truncationMessage) {
    }

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    /**
     * Joins, in split order, each split's open last page with the heads of the following splits up to the one
     * that closes it, and parses the joined pages (their order: the split where they start, after its complete
     * pages). A page still open at the end, or a dump without its closing {@code </mediawiki>}, is a truncated
     * dump: an error unless allowTruncated, as in the single-machine reader.
     */
    private static Stitched stitch(List<PageRecord> small, SiteInfo site, AnchorOptions options, String dump)
            throws IOException {
        List<PageRecord> sorted = new ArrayList<>(small);
        // by split; within a split: head, then stats, then the open last page
        sorted.sort(Comparator.<PageRecord>comparingLong(r -> r.order)
                .thenComparingInt(r -> r.kind == PageRecord.Kind.FRAGMENT ? (r.head ? 0 : 2) : 1));
        long[] counts = new long[5];
        boolean sawEnd = false;
        PagePass pass = new PagePass(site, options, dump + ", pages across splits");
        List<PageRecord> out = new ArrayList<>();
        StringBuilder open = null;
        int openSplit = -1;
        for (PageRecord r : sorted) {
            if (r.kind == PageRecord.Kind.STATS) {
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += r.counts[i];
                }
                sawEnd |= r.sawEnd;
            } else if (r.head) {
                if (open != null) {
                    open.append(r.text);
                    if (r.closesPage) {
                        pass.page(open.toString(), PageRecord.order(openSplit, Integer.MAX_VALUE), out::add);
                        open = null;
                    }
                } else if (r.closesPage) {
                    throw new IOException(dump + ": split " + PageRecord.split(r.order) + " begins inside a page"
                            + " that no earlier split opens; not a MediaWiki export with one <page> tag per line");
                }
            } else {
                open = new StringBuilder(r.text);
                openSplit = PageRecord.split(r.order);
            }
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += pass.counts[i];
        }
        String truncation = null;
        if (open != null || !sawEnd) {
            String title = null;
            if (open != null) {
                Matcher m = TITLE.matcher(open);
                title = m.find() ? m.group(1) : null;
            }
            truncation = String.format(Locale.ROOT,
                    "%s: the dump stream ends or breaks inside the XML after %d complete pages%s (%s)", dump,
                    counts[PagePass.PAGES], title == null ? "" : ", in page \"" + title + "\"",
                    open != null ? "the last page has no </page> line" : "no closing </mediawiki> line");
            if (counts[PagePass.PAGES] == 0) {
                throw new IOException(truncation + "; not a readable MediaWiki XML export (nothing to keep)");
            }
            if (!options.allowTruncated()) {
                throw new TruncatedDumpException(truncation + "; use --allow-truncated to keep the complete pages",
                        counts[PagePass.PAGES], null);
            }
        }
        return new Stitched(out, counts, truncation);
    }
}
