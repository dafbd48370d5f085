package org.boe4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.boe4j.kb.build.wikidata.InterlanguageLinks;
import org.boe4j.kb.build.wikidata.MalformedDumpException;
import org.boe4j.kb.build.wikidata.WikidataDumpReader;
import scala.Tuple2;

/**
 * The Wikidata JSON dump read with Spark into the same {@link WikidataDumpReader.Result} as the single-machine
 * reader: each line parsed by {@link WikidataDumpReader#parseEntity}; a (language, local title) pair keeps the
 * first English title in dump order (as InterlanguageLinks does), an item id the last; malformed lines are
 * counted with global line numbers (per-split line counts are added up on the driver) and the same limits apply
 * at the end. One difference: the "more than N malformed lines" failure comes after the whole dump was read,
 * not at the line where the limit was passed.
 */
final class SparkWikidataLinks {

    private SparkWikidataLinks() {
    }

    /** A pair, an item, or one split's counts. */
    private record Row(int kind, long order, String key1, String key2, String english, SplitStats stats)
            implements Serializable {
        static final int PAIR = 0;
        static final int ITEM = 1;
        static final int STATS = 2;
    }

    /** What one split saw; line indices are within the split. */
    private record SplitStats(int split, long lines, long entities, long withEnglish, long malformed,
            List<Long> malformedIndex, List<String> malformedReason, boolean opened, long closeIndex,
            long nonEmptyAfterClose, List<Long> nonEmptyIndex, Map<String, Long> perLanguage, long bytes)
            implements Serializable {
    }

    static WikidataDumpReader.Result read(JavaSparkContext sc, String dump, WikidataDumpReader.Options options,
            int minPartitions) throws IOException {
        DumpFiles.checkReadable(dump);
        long start = System.nanoTime();
        JavaRDD<String> lines = sc.textFile(dump, minPartitions);
        JavaRDD<Row> rows = lines.mapPartitionsWithIndex((split, it) -> readSplit(split, it, options), true)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<SplitStats> stats = new ArrayList<>(rows.filter(r -> r.kind == Row.STATS).map(Row::stats).collect());
            stats.sort(Comparator.comparingInt(SplitStats::split));
            // the first ']' line ends the dump: what follows it in later splits is malformed, not entities
            long closeOrder = Long.MAX_VALUE;
            long[] offset = new long[stats.size()];
            long lineTotal = 0;
            for (int i = 0; i < stats.size(); i++) {
                offset[i] = lineTotal;
                lineTotal += stats.get(i).lines();
                if (closeOrder == Long.MAX_VALUE && stats.get(i).closeIndex() >= 0) {
                    closeOrder = PageRecord.order(stats.get(i).split(), stats.get(i).closeIndex());
                }
            }
            long entities = 0;
            long withEnglish = 0;
            long malformed = 0;
            boolean opened = false;
            boolean closed = closeOrder != Long.MAX_VALUE;
            long bytes = 0;
            Map<String, Long> perLanguage = new HashMap<>();
            List<WikidataDumpReader.MalformedLine> first = new ArrayList<>();
            for (int i = 0; i < stats.size(); i++) {
                SplitStats s = stats.get(i);
                bytes += s.bytes();
                opened |= s.opened();
                boolean afterClose = closed && PageRecord.order(s.split(), 0) > closeOrder;
                if (afterClose) {
                    malformed += s.nonEmptyAfterClose();
                    for (long index : s.nonEmptyIndex()) {
                        WikidataDumpReader.remember(first, offset[i] + index + 1, "content after the closing ']' line");
                    }
                    continue;
                }
                entities += s.entities();
                withEnglish += s.withEnglish();
                malformed += s.malformed();
                s.perLanguage().forEach((l, n) -> perLanguage.merge(l, n, Long::sum));
                for (int k = 0; k < s.malformedIndex().size(); k++) {
                    WikidataDumpReader.remember(first, offset[i] + s.malformedIndex().get(k) + 1, s.malformedReason().get(k));
                }
            }
            if (malformed > options.maxMalformedLines()) {
                throw new MalformedDumpException(String.format(Locale.ROOT,
                        "%s: more than %d malformed lines (limit --max-malformed-lines): %d; first: %s", dump,
                        options.maxMalformedLines(), malformed, WikidataDumpReader.describe(first)));
            }
            WikidataDumpReader.checkEnd(dump, options, opened, closed, lineTotal, entities, malformed, first);
            long close = closeOrder;
            InterlanguageLinks links = new InterlanguageLinks();
            rows.filter(r -> r.kind == Row.PAIR && r.order < close)
                    .mapToPair(r -> new Tuple2<>(new Tuple2<>(r.key1, r.key2), new Tuple2<>(r.order, r.english)))
                    .reduceByKey((x, y) -> x._1() <= y._1() ? x : y)
                    .collect().forEach(p -> links.put(p._1()._1(), p._1()._2(), p._2()._2()));
            if (options.collectItemIds()) {
                rows.filter(r -> r.kind == Row.ITEM && r.order < close)
                        .mapToPair(r -> new Tuple2<>(r.key1, new Tuple2<>(r.order, r.english)))
                        .reduceByKey((x, y) -> x._1() >= y._1() ? x : y)
                        .collect().forEach(p -> links.putItem(p._1(), p._2()._2()));
            }
            return new WikidataDumpReader.Result(links, lineTotal, entities, withEnglish, malformed, List.copyOf(first),
                    Map.copyOf(perLanguage), closed, DumpFiles.size(dump, sc.hadoopConfiguration()), bytes,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            rows.unpersist();
        }
    }

    /** Reads one split's lines as the single-machine reader reads the dump's. */
    private static Iterator<Row> readSplit(int split, Iterator<String> it, WikidataDumpReader.Options options) {
        WikidataDumpReader reader = new WikidataDumpReader(options);
        List<Row> out = new ArrayList<>();
        Map<String, String> sitelinks = new HashMap<>();
        Map<String, Long> perLanguage = new HashMap<>();
        List<Long> malformedIndex = new ArrayList<>();
        List<String> malformedReason = new ArrayList<>();
        List<Long> nonEmptyIndex = new ArrayList<>();
        long index = -1;
        long entities = 0;
        long withEnglish = 0;
        long malformed = 0;
        long bytes = 0;
        boolean opened = false;
        long closeIndex = -1;
        long nonEmpty = 0;
        while (it.hasNext()) {
            String line = it.next();
            index++;
            bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            nonEmpty++;
            if (nonEmptyIndex.size() < WikidataDumpReader.REPORTED_LINES) {
                nonEmptyIndex.add(index);
            }
            if (s.equals("[")) {
                opened = true;
                continue;
            }
            if (s.equals("]")) {
                if (closeIndex < 0) {
                    closeIndex = index;
                }
                continue;
            }
            String error = closeIndex >= 0 ? "content after the closing ']' line" : null;
            if (error == null) {
                sitelinks.clear();
                error = reader.parseEntity(s, sitelinks);
            }
            if (error != null) {
                malformed++;
                if (malformedIndex.size() < WikidataDumpReader.REPORTED_LINES) {
                    malformedIndex.add(index);
                    malformedReason.add(error);
                }
                continue;
            }
            entities++;
            long order = PageRecord.order(split, index);
            if (WikidataDumpReader.emitLinks(sitelinks, options.collectItemIds(), perLanguage,
                    (id, english) -> out.add(new Row(Row.ITEM, order, id, null, english, null)),
                    (language, title, english) -> out.add(new Row(Row.PAIR, order, language, title, english, null)))) {
                withEnglish++;
            }
        }
        out.add(new Row(Row.STATS, PageRecord.order(split, 0), null, null, null, new SplitStats(split, index + 1,
                entities, withEnglish, malformed, malformedIndex, malformedReason, opened, closeIndex, nonEmpty,
                nonEmptyIndex, perLanguage, bytes)));
        return out.iterator();
    }
}
