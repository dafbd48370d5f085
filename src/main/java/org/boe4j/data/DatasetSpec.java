package org.boe4j.data;

import org.boe4j.lang.Languages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One string that names a dataset split, for command lines and experiment configs:
 *
 * <pre>
 * sib200:&lt;lang&gt;:&lt;split&gt;             embedded SIB-200 (lang as en, eng_Latn or english)
 * sib200:&lt;dir&gt;:&lt;split&gt;              a SIB-200 language directory on disk (any of the 200+ languages)
 * mldoc:&lt;dir&gt;:&lt;lang&gt;:&lt;split&gt;         MLDoc files &lt;language&gt;.&lt;split&gt; in dir (split e.g. train.1000)
 * multiconer:&lt;dir&gt;:&lt;lang&gt;:&lt;split&gt;    MultiCoNER II &lt;lang&gt;-train*.conll / &lt;lang&gt;-&lt;split&gt;.conll as entity typing
 * csv:&lt;file&gt;?text=C&amp;label=C[&amp;id=C][&amp;labels=a,b][&amp;multi=|][&amp;header=false][&amp;lang=xx][&amp;split=s]
 * tsv:&lt;file&gt;?...                        the same, TAB-separated
 * jsonl:&lt;file&gt;?text=F&amp;label=F[&amp;id=F][&amp;labels=a,b][&amp;multi=true][&amp;lang=xx][&amp;split=s]
 * </pre>
 *
 * Columns C are header names or {@code #n} (0-based position, for files without header). {@code lang} defaults
 * to {@code en}, {@code split} to the file name. SHINRA2020-ML is not reachable this way: it needs a page text
 * source ({@link Shinra}).
 */
public record DatasetSpec(String kind, List<String> parts, Map<String, String> options) {

    public static final String GRAMMAR = "sib200:<lang>:<split> | sib200:<dir>:<split> | mldoc:<dir>:<lang>:<split>"
            + " | multiconer:<dir>:<lang>:<split>"
            + " | csv:<file>?text=<col>&label=<col>[&id=<col>][&labels=a,b][&multi=<sep>][&header=false][&lang=xx]"
            + "[&split=s] | tsv:<file>?... | jsonl:<file>?text=<field>&label=<field>[&id=<field>][&labels=a,b]"
            + "[&multi=true][&lang=xx][&split=s]";

    private static final Set<String> TABLE_OPTIONS = Set.of("text", "label", "id", "labels", "multi", "header", "lang",
            "split");
    private static final Set<String> JSONL_OPTIONS = Set.of("text", "label", "id", "labels", "multi", "lang", "split");

    public static DatasetSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw bad(spec, "no '<kind>:' prefix");
        }
        String kind = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        Map<String, String> options = new LinkedHashMap<>();
        switch (kind) {
            case "sib200" -> {
                List<String> parts = splitTail(rest, 2, spec);
                return new DatasetSpec(kind, parts, options);
            }
            case "mldoc", "multiconer" -> {
                return new DatasetSpec(kind, splitTail(rest, 3, spec), options);
            }
            case "csv", "tsv", "jsonl" -> {
                int q = rest.lastIndexOf('?');
                if (q < 0) {
                    throw bad(spec, "missing '?text=...&label=...'");
                }
                for (String kv : rest.substring(q + 1).split("&")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw bad(spec, "option '" + kv + "' is not key=value");
                    }
                    String key = kv.substring(0, eq);
                    if (!(kind.equals("jsonl") ? JSONL_OPTIONS : TABLE_OPTIONS).contains(key)) {
                        throw bad(spec, "unknown option '" + key + "'");
                    }
                    options.put(key, kv.substring(eq + 1));
                }
                if (!options.containsKey("text") || !options.containsKey("label")) {
                    throw bad(spec, "'text' and 'label' are required");
                }
                return new DatasetSpec(kind, List.of(rest.substring(0, q)), options);
            }
            default -> throw bad(spec, "unknown kind '" + kind + "'");
        }
    }

    /** Reads the split this spec names. */
    public Dataset read(BadRowPolicy policy) throws IOException {
        switch (kind) {
            case "sib200" -> {
                String where = parts.get(0);
                Path dir = Path.of(where);
                if (Files.isDirectory(dir)) {
                    return Sib200.read(dir, parts.get(1), policy);
                }
                return Sib200.embedded(where, parts.get(1), policy);
            }
            case "mldoc" -> {
                return MlDoc.read(Path.of(parts.get(0)), parts.get(1), parts.get(2), policy);
            }
            case "multiconer" -> {
                return MultiCoNer.read(Path.of(parts.get(0)), parts.get(1), parts.get(2), policy);
            }
            case "jsonl" -> {
                Path file = Path.of(parts.get(0));
                JsonlReader.Options o = new JsonlReader.Options(options.get("text"), options.get("label"),
                        options.get("id"), labels(), Boolean.parseBoolean(options.getOrDefault("multi", "false")));
                return JsonlReader.read(DataFile.of(file), o, file.getFileName().toString(), language(), split(file),
                        policy);
            }
            default -> {
                Path file = Path.of(parts.get(0));
                boolean header = Boolean.parseBoolean(options.getOrDefault("header", "true"));
                DelimitedOptions o = new DelimitedOptions(kind.equals("tsv") ? '\t' : ',', header,
                        ColumnRef.parse(options.get("text")), ColumnRef.parse(options.get("label")),
                        options.containsKey("id") ? ColumnRef.parse(options.get("id")) : null,
                        options.get("multi"), labels(), null);
                return DelimitedReader.read(DataFile.of(file), o, file.getFileName().toString(), language(),
                        split(file), policy);
            }
        }
    }

    private List<String> labels() {
        String l = options.get("labels");
        return l == null ? null : Arrays.stream(l.split(",")).map(String::strip).toList();
    }

    private String language() {
        return Languages.code(options.getOrDefault("lang", "en"));
    }

    private String split(Path file) {
        return options.getOrDefault("split", file.getFileName().toString());
    }

    /** The last {@code n} colon-separated fields; the first may itself contain colons (a path). */
    private static List<String> splitTail(String rest, int n, String spec) {
        String[] out = new String[n];
        String head = rest;
        for (int i = n - 1; i > 0; i--) {
            int c = head.lastIndexOf(':');
            if (c < 0) {
                throw bad(spec, "expected " + n + " ':'-separated fields after the kind");
            }
            out[i] = head.substring(c + 1);
            head = head.substring(0, c);
        }
        out[0] = head;
        for (String s : out) {
            if (s.isEmpty()) {
                throw bad(spec, "empty field");
            }
        }
        return List.of(out);
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("dataset '" + spec + "': " + why + "; expected " + GRAMMAR);
    }
}
