package org.boe4j.cli;

import com.google.gson.GsonBuilder;
import org.boe4j.io.TerminalText;
import org.boe4j.model.Explanation;
import org.boe4j.model.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code boe4j explain --model DIR --lang ja "text"}: the auditor's view of one prediction. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what a trained model does with one text: word pieces, entity mentions (UTF-16 offsets),"
                + " candidate entities and their English mapping, p(e|m), cos(h, v_e), the attention weight a_e, and"
                + " the class probabilities with the entity term (W(h+z)+b) and without it (Wh+b). The text is the"
                + " argument, the whole of --file, or stdin. A text longer than the model's maximum length is cut to its"
                + " first word pieces; the entities come from that part too, and the output says where it ends."
                + " Control characters are shown escaped (\\t, \\n, \\x1B, ...). For a typing model a mention marked"
                + " [[like this]] in a sentence becomes 'mention [SEP] sentence'.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "the text (none and no --file: read"
            + " stdin)")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "UTF-8 file whose whole content is the text, line"
            + " breaks included ('-' = stdin)")
    Path file;

    @Option(names = "--json", description = "the whole explanation as one JSON object")
    boolean json;

    @Mixin
    ModelOption model = new ModelOption();

    @Override
    public Integer call() throws Exception {
        if (file != null && text != null) {
            throw new IllegalArgumentException("give the text as an argument or with --file, not both");
        }
        String input = text != null ? text : TextInputs.whole(file != null ? file : Path.of("-"));
        try (Predictor predictor = model.open(System.err)) {
            Explanation e = predictor.explain(MarkedMention.documentText(predictor, input), model.lang);
            if (json) {
                System.out.println(TerminalText.jsonWithEscapedControls(new GsonBuilder().setPrettyPrinting()
                        .disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues().create()
                        .toJson(e)));
            } else {
                print(e, System.out);
                if (MarkedMention.typing(predictor)) {
                    System.out.println("types (p >= " + predictor.model().card().threshold() + "): "
                            + MarkedMention.types(e.labels(), predictor.predict(List.of(e.text()), model.lang, 1).get(0)));
                }
            }
        }
        return 0;
    }

    private static void print(Explanation e, PrintStream out) {
        String language = e.language() == null ? "no language" : esc(e.language());
        if (e.truncated()) {
            out.printf(Locale.ROOT, "text (%s, %d chars; cut to the model's %d word pieces: only characters [0, %d)"
                            + " are read, for the word pieces and the entities alike): %s [... %d characters not read]%n",
                    language, e.text().length(), e.tokens().size(), e.windowEnd(),
                    esc(e.text().substring(0, e.windowEnd())), e.text().length() - e.windowEnd());
        } else {
            out.printf(Locale.ROOT, "text (%s, %d chars): %s%n", language, e.text().length(), esc(e.text()));
        }
        StringBuilder tokens = new StringBuilder();
        for (Explanation.Token t : e.tokens()) {
            tokens.append(t.special() ? esc(t.piece())
                    : String.format(Locale.ROOT, "%s[%d,%d)", esc(t.piece()), t.start(), t.end())).append(' ');
        }
        out.printf("tokens (%d): %s%n", e.tokens().size(), tokens.toString().strip());
        if (e.variant().equals("baseline")) {
            out.println("entities: none (the baseline model uses no entities)");
        } else {
            out.printf("mentions (%d, with English candidates; row -1 = no vector in the model, not used):%n",
                    e.mentions().size());
            for (Explanation.MentionView m : e.mentions()) {
                out.printf(Locale.ROOT, "  [%d, %d) \"%s\" lp=%.4f%n", m.start(), m.end(), esc(m.surface()),
                        m.linkProbability());
                for (Explanation.CandidateView c : m.candidates()) {
                    out.printf(Locale.ROOT, "      en:%-32s p(e|m)=%.4f  row %-6d <- %s%n", esc(c.english()),
                            c.commonness(), c.row(), c.localTitles().isEmpty() ? ""
                                    : language + ":" + esc(String.join(", ", c.localTitles())));
                }
            }
            out.printf(Locale.ROOT, "bag of entities (%d%s)%s:%n", e.bag().size(),
                    e.entitiesDropped() > 0 ? ", " + e.entitiesDropped() + " more dropped beyond the model's limit" : "",
                    e.attentionWeights() == null ? "; -att variant: a = 1/K, no cosine"
                            : String.format(Locale.ROOT, "; W_a = [%.4f, %.4f], score = W_a . [cos, p(e|m)]",
                            e.attentionWeights()[0], e.attentionWeights()[1]));
            if (!e.commonnessUsed()) {
                out.println("  (the commonness feature is off in this model: the score uses p(e|m) = 0)");
            }
            out.printf("entity vectors initialised from: %s%n", e.entityInit() == null ? "(not recorded)" : e.entityInit());
            out.printf("  %4s %6s  %-32s %-20s %8s %9s %9s %8s %8s  %s%n", "slot", "row", "entity", "mention", "p(e|m)",
                    "cos(h,v)", "score", "a_e", "|v_e|", "v_e from");
            for (Explanation.BagEntity b : e.bag()) {
                out.printf(Locale.ROOT, "  %4d %6d  %-32s %-20s %8.4f %9s %9s %8.4f %8.4f  %s%n", b.slot(), b.row(),
                        esc(b.english()), String.format(Locale.ROOT, "[%d,%d) %s", b.mentionStart(), b.mentionEnd(),
                        esc(b.surface())), b.commonness(), number(b.cosine()), number(b.score()), b.attention(),
                        b.vectorNorm(), b.vectorOrigin() == null ? "-" : esc(b.vectorOrigin()));
            }
        }
        if (e.gate() != null) {
            out.printf(Locale.ROOT, "|h| = %.4f, |z| = %.4f, gate g = %.4f (features = h + g z), |g z| = %.4f%n",
                    e.hNorm(), e.zNorm(), e.gate(), Math.abs(e.gate()) * e.zNorm());
        } else {
            out.printf(Locale.ROOT, "|h| = %.4f, |z| = %.4f (no gate: features = h + z)%n", e.hNorm(), e.zNorm());
        }
        out.printf("  %-24s %22s %18s%n", "label", "with entities (h+z)", "without (h)");
        for (int c = 0; c < e.labels().size(); c++) {
            out.printf(Locale.ROOT, "  %-24s %22.4f %18.4f%n", esc(e.labels().get(c)), e.withEntities().probabilities()[c],
                    e.withoutEntities().probabilities()[c]);
        }
        out.printf("prediction: %s (without the entity term: %s)%n", labels(e.withEntities().predicted()),
                labels(e.withoutEntities().predicted()));
    }

    private static String number(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }

    private static String labels(List<String> l) {
        return l.isEmpty() ? "(none)" : esc(String.join(", ", l));
    }

    private static String esc(String s) {
        return TerminalText.escape(s);
    }
}
