package org.boe4j.kb.build.icu;

import org.boe4j.kb.AffixRules;
import org.boe4j.kb.Candidate;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.Mention;
import org.boe4j.kb.MentionExtractor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures affix-aware matching against exact matching on SIB-200 sentences ({@link Sib200Corpus}: the embedded
 * eight languages, or the language directories under DIR) (docs/kb.md "Affixes"):
 * per language, sentences with a mention, mentions, and precision, where a mention counts as <em>confirmed</em>
 * when one of its English entities is also found in the aligned English sentence (same {@code index_id}). The
 * parallel sentences only measure; no rule is derived from them.
 *
 * <p>Run: {@code java -cp "target/classes:$(cat target/classpath.txt)" org.boe4j.kb.build.icu.AffixMatchingReport
 * KB_FILE [examples [DIR]]}; prints a Markdown table, then up to {@code examples} (default 0) unconfirmed affixed
 * mentions per language.
 */
public final class AffixMatchingReport {

    /** One language under one matching mode. */
    public record Row(String language, String mode, int sentences, int sentencesWithMention, int mentions,
                      int confirmed, int affixed, int affixedConfirmed) {
        double precision() {
            return mentions == 0 ? Double.NaN : (double) confirmed / mentions;
        }
    }

    private AffixMatchingReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: AffixMatchingReport KB_FILE [examples per language [SIB-200 DIR]]");
            System.exit(2);
        }
        KnowledgeBase kb = KbFile.read(Path.of(args[0]));
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Sib200Corpus corpus = args.length > 2 ? Sib200Corpus.directory(Path.of(args[2])) : Sib200Corpus.embedded();
        PrintStream out = System.out;
        out.println("| language | mode | sentences with a mention | mentions | confirmed | precision "
                + "| affixed mentions | affixed confirmed |");
        out.println("|---|---|---|---|---|---|---|---|");
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : corpus.languages().entrySet()) {
            if (e.getValue().equals("en") || !kb.hasLanguage(e.getValue())) {
                continue;
            }
            for (Row r : measure(kb, corpus, e.getKey(), e.getValue(), examples, notes)) {
                out.printf(Locale.ROOT, "| %s | %s | %d / %d | %d | %d | %.3f | %d | %d |%n", r.language, r.mode,
                        r.sentencesWithMention, r.sentences, r.mentions, r.confirmed, r.precision(), r.affixed,
                        r.affixedConfirmed);
            }
        }
        notes.forEach(out::println);
    }

    /** Exact and affix-aware rows of one language over train + dev + test. */
    public static List<Row> measure(KnowledgeBase kb, Sib200Corpus corpus, String flores, String language,
                                    int examples, List<String> notes) {
        MentionExtractor english = kb.extractor("en", AffixRules.NONE);
        MentionExtractor exact = kb.extractor(language, AffixRules.NONE);
        MentionExtractor affix = kb.extractor(language, AffixRules.forLanguage(language));
        int[] exactCounts = new int[4];
        int[] affixCounts = new int[6];
        int sentences = 0;
        int shown = 0;
        for (String split : List.of("train", "dev", "test")) {
            Map<String, String> target = corpus.rows(flores, split);
            Map<String, String> source = corpus.rows(Sib200Corpus.ENGLISH, split);
            for (Map.Entry<String, String> row : target.entrySet()) {
                String en = source.get(row.getKey());
                if (en == null) {
                    throw new IllegalStateException(flores + " " + split + ": index_id " + row.getKey()
                            + " has no English sentence");
                }
                sentences++;
                Set<String> englishEntities = new HashSet<>();
                for (Mention m : english.find(en)) {
                    m.candidates().forEach(c -> englishEntities.add(c.entity()));
                }
                List<Mention> ex = exact.find(row.getValue());
                List<Mention> af = affix.find(row.getValue());
                count(ex, englishEntities, exactCounts);
                count(af, englishEntities, affixCounts);
                Set<String> exactSpans = new HashSet<>();
                ex.forEach(m -> exactSpans.add(m.start() + ":" + m.end()));
                for (Mention m : af) {
                    if (exactSpans.contains(m.start() + ":" + m.end())) {
                        continue;
                    }
                    affixCounts[4]++;
                    if (confirmed(m, englishEntities)) {
                        affixCounts[5]++;
                    } else if (shown < examples) {
                        shown++;
                        notes.add(language + " " + split + " " + row.getKey() + ": \"" + m.surface() + "\" -> "
                                + m.candidates().stream().map(Candidate::entity).toList() + " | en: " + en);
                    }
                }
            }
        }
        return List.of(
                new Row(language, "exact", sentences, exactCounts[0], exactCounts[1], exactCounts[2], 0, 0),
                new Row(language, "affixes", sentences, affixCounts[0], affixCounts[1], affixCounts[2],
                        affixCounts[4], affixCounts[5]));
    }

    private static void count(List<Mention> mentions, Set<String> englishEntities, int[] c) {
        if (!mentions.isEmpty()) {
            c[0]++;
        }
        for (Mention m : mentions) {
            c[1]++;
            if (confirmed(m, englishEntities)) {
                c[2]++;
            }
        }
    }

    private static boolean confirmed(Mention m, Set<String> englishEntities) {
        return m.candidates().stream().anyMatch(c -> englishEntities.contains(c.entity()));
    }
}
