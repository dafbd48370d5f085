package org.boe4j.data;

import org.boe4j.lang.Languages;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One string that names a dataset split, for command lines and experiment configs: {@code <format>:<fields>}, the
 * format one of {@link DatasetFormats} (each documents its own fields):
 *
 * <pre>
 * sib200:&lt;lang&gt;:&lt;split&gt;             embedded SIB-200 (lang as en, eng_Latn or english)
 * sib200:&lt;dir&gt;:&lt;split&gt;              a SIB-200 language directory on disk (any of the 200+ languages)
 * mldoc:&lt;dir&gt;:&lt;lang&gt;:&lt;split&gt;         MLDoc files &lt;language&gt;.&lt;split&gt; in dir (split e.g. train.1000)
 * multiconer:&lt;dir&gt;:&lt;lang&gt;:&lt;split&gt;    MultiCoNER II &lt;lang&gt;-train*.conll / &lt;lang&gt;-&lt;split&gt;.conll as entity typing
 * csv:&lt;file&gt;?text=C&amp;label=C[&amp;id=C][&amp;labels=a,b][&amp;multi=|][&amp;header=false][&amp;lang=xx][&amp;split=s]
 * tsv:&lt;file&gt;?...                        the same, TAB-separated
 * jsonl:&lt;file&gt;?text=F&amp;label=F[&amp;id=F][&amp;labels=a,b][&amp;multi=true][&amp;lang=xx][&amp;split=s]
 * shinra:&lt;annotations&gt;?dump=&lt;dump&gt;[&amp;max-text-chars=N][&amp;truncated-dump=allow][&amp;lang=xx][&amp;split=s]
 * </pre>
 *
 * Columns C are header names or {@code #n} (0-based position, for files without header). {@code lang} defaults
 * to {@code en}, {@code split} to the file name.
 *
 * @param kind    the format's name
 * @param parts   the ':'-separated fields after it (the file of a csv/tsv/jsonl/shinra spec)
 * @param options the {@code ?key=value&...} options of the file formats
 */
public record DatasetSpec(String kind, List<String> parts, Map<String, String> options) {

    public static DatasetSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw malformed(spec, "no '<kind>:' prefix");
        }
        String kind = spec.substring(0, colon);
        DatasetFormat format = DatasetFormats.find(kind)
                .orElseThrow(() -> malformed(spec, "unknown kind '" + kind + "'"));
        return format.parse(spec, spec.substring(colon + 1));
    }

    /** Every accepted form, for messages and help. */
    public static String grammar() {
        return DatasetFormats.grammar();
    }

    public DatasetFormat format() {
        return DatasetFormats.find(kind).orElseThrow(() -> new IllegalArgumentException("dataset kind '" + kind
                + "': expected one of " + DatasetFormats.names()));
    }

    /** Reads the split this spec names. */
    public Dataset read(BadRowPolicy policy) throws IOException {
        return read(policy, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Reads the split this spec names, long reads showing progress on {@code progress}. */
    public Dataset read(BadRowPolicy policy, PrintStream progress) throws IOException {
        return format().read(this, policy, progress);
    }

    /** The error of a malformed spec: what is wrong and the whole grammar. */
    public static IllegalArgumentException malformed(String spec, String why) {
        return new IllegalArgumentException("dataset '" + spec + "': " + why + "; expected " + grammar());
    }

    // ------------------------------------------------------------------ shared by the formats

    /** The last {@code n} colon-separated fields; the first may itself contain colons (a path). */
    static List<String> splitTail(String rest, int n, String spec) {
        String[] out = new String[n];
        String head = rest;
        for (int i = n - 1; i > 0; i--) {
            int c = head.lastIndexOf(':');
            if (c < 0) {
                throw malformed(spec, "expected " + n + " ':'-separated fields after the kind");
            }
            out[i] = head.substring(c + 1);
            head = head.substring(0, c);
        }
        out[0] = head;
        for (String s : out) {
            if (s.isEmpty()) {
                throw malformed(spec, "empty field");
            }
        }
        return List.of(out);
    }

    /**
     * A file spec {@code <file>?key=value&...}: the file and its options, each key one of {@code allowed}, every key
     * of {@code required} present ({@code requirement} says which, for the message).
     */
    static DatasetSpec fileWithOptions(String kind, String spec, String rest, Set<String> allowed,
                                       List<String> required, String requirement) {
        int q = rest.lastIndexOf('?');
        if (q < 0) {
            throw malformed(spec, "missing '?" + requirement + "'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String kv : rest.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw malformed(spec, "option '" + kv + "' is not key=value");
            }
            String key = kv.substring(0, eq);
            if (!allowed.contains(key)) {
                throw malformed(spec, "unknown option '" + key + "'");
            }
            options.put(key, kv.substring(eq + 1));
        }
        if (!options.keySet().containsAll(required)) {
            throw malformed(spec, String.join(" and ", required.stream().map(k -> "'" + k + "'").toList())
                    + (required.size() == 1 ? " is" : " are") + " required");
        }
        return new DatasetSpec(kind, List.of(rest.substring(0, q)), options);
    }

    /** The spec with {@code lang=} and {@code split=} added when it does not set them (file formats). */
    DatasetSpec withLanguageAndSplit(String language, String split) {
        Map<String, String> o = new LinkedHashMap<>(options);
        o.putIfAbsent("lang", language);
        o.putIfAbsent("split", split);
        return new DatasetSpec(kind, parts, o);
    }

    /** The file of a file spec. */
    Path file() {
        return Path.of(parts.get(0));
    }

    /** {@code labels=a,b}: the label list in output order, or null (the labels seen, sorted). */
    List<String> labels() {
        String l = options.get("labels");
        return l == null ? null : Arrays.stream(l.split(",")).map(String::strip).toList();
    }

    /** {@code lang=}, any spelling, as its code; {@code en} when absent. */
    String language() {
        return Languages.code(options.getOrDefault("lang", "en"));
    }

    /** {@code split=}, or the file name. */
    String split() {
        return options.getOrDefault("split", file().getFileName().toString());
    }
}
