package org.boe4j.bert;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.nd4j.linalg.api.buffer.DataType;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every activation of one encoder pass as {@code .npy} files plus {@code index.json}, for auditors who compare each
 * layer with their own reference (format {@value #FORMAT} version {@value #VERSION}). Written atomically: a failed
 * dump leaves no directory behind.
 *
 * <p>The output directory is replaced as a whole, so {@link #checkTarget} decides what may be replaced: a missing
 * or empty directory, or an earlier dump (its index.json has our format) holding nothing but the files its index
 * lists. Anything else (a regular file, somebody's directory, a dump beside which the user put their own reference
 * files) is refused, as {@code weights convert} refuses a directory it did not write.
 */
public final class ActivationDump {

    public static final String FORMAT = "boe4j-activations";
    public static final int VERSION = 1;
    public static final String INDEX = "index.json";

    private ActivationDump() {
    }

    /**
     * @param provenance free-form facts recorded in the index (weights directory and checksum, texts, tokens)
     */
    public static void write(Path dir, BertInputs inputs, BertEncoding encoding, JsonObject provenance)
            throws IOException {
        checkTarget(dir);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, String> meaning = new LinkedHashMap<>();
        arrays.put(BertGraph.INPUT_IDS, inputs.inputIds());
        meaning.put(BertGraph.INPUT_IDS, "token ids [B, T], int32");
        arrays.put(BertGraph.ATTENTION_MASK, inputs.attentionMask());
        meaning.put(BertGraph.ATTENTION_MASK, "1 = real token, 0 = padding [B, T], int32");
        arrays.put(BertGraph.TOKEN_TYPE_IDS, inputs.tokenTypeIds());
        meaning.put(BertGraph.TOKEN_TYPE_IDS, "segment ids [B, T], int32");
        encoding.layers().forEach((name, value) -> {
            arrays.put(name, value);
            meaning.put(name, name.equals(BertEmbeddings.OUTPUT)
                    ? "word + position + token-type embeddings after LayerNorm [B, T, D]"
                    : "output of " + name.substring(0, name.length() - ".output".length())
                    + " after its output LayerNorm [B, T, D]");
        });
        arrays.put(BertEncoder.SEQUENCE_OUTPUT, encoding.sequenceOutput());
        meaning.put(BertEncoder.SEQUENCE_OUTPUT, "final hidden states [B, T, D]");
        arrays.put(BertPooler.POOLED_OUTPUT, encoding.pooledOutput());
        meaning.put(BertPooler.POOLED_OUTPUT, "tanh(W h[:, 0, :] + b) [B, D]");

        AtomicFiles.writeDirectory(dir, tmp -> {
            JsonObject index = new JsonObject();
            index.addProperty("format", FORMAT);
            index.addProperty("version", VERSION);
            index.add("provenance", provenance);
            JsonArray files = new JsonArray();
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                String file = e.getKey() + ".npy";
                Npy.write(tmp.resolve(file), e.getValue());
                JsonObject entry = new JsonObject();
                entry.addProperty("name", e.getKey());
                entry.addProperty("file", file);
                entry.addProperty("meaning", meaning.get(e.getKey()));
                JsonArray shape = new JsonArray();
                for (long s : e.getValue().shape()) {
                    shape.add(s);
                }
                entry.add("shape", shape);
                entry.addProperty("dtype", e.getValue().dataType() == DataType.INT
                        ? "int32" : "float32");
                files.add(entry);
            }
            index.add("files", files);
            Files.writeString(tmp.resolve(INDEX), new GsonBuilder().setPrettyPrinting().create().toJson(index) + "\n",
                    StandardCharsets.UTF_8);
        });
    }

    /**
     * Refuses an output directory whose replacement would delete something that is not an earlier dump (see the
     * class comment). Call it before the work, too, so that a refusal costs nothing.
     */
    public static void checkTarget(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory; choose another --out");
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        if (present.isEmpty()) {
            return;
        }
        String refuse = dir + " is not empty and is not an earlier audit output";
        String how = "; choose another --out, or empty it first (audit replaces the whole directory)";
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException(refuse + " (no " + INDEX + ")" + how);
        }
        Set<String> listed = new TreeSet<>();
        try {
            JsonObject json = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!FORMAT.equals(json.get("format").getAsString())) {
                throw new IOException(refuse + " (" + index + " has format " + json.get("format") + ", not \""
                        + FORMAT + "\")" + how);
            }
            for (JsonElement f : json.getAsJsonArray("files")) {
                listed.add(f.getAsJsonObject().get("file").getAsString());
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IOException(refuse + " (" + index + " is not a " + FORMAT + " index)" + how, e);
        }
        listed.add(INDEX);
        present.removeAll(listed);
        if (!present.isEmpty()) {
            throw new IOException(dir + " holds an earlier audit output and also files it did not write, "
                    + present + ", which replacing it would delete" + how);
        }
    }
}
