package org.boe4j.bert;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every activation of one encoder pass as {@code .npy} files plus {@code index.json}, for auditors who compare each
 * layer with their own reference (format {@value #FORMAT} version {@value #VERSION}). Written atomically: a failed
 * dump leaves no directory behind.
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
                entry.addProperty("dtype", e.getValue().dataType() == org.nd4j.linalg.api.buffer.DataType.INT
                        ? "int32" : "float32");
                files.add(entry);
            }
            index.add("files", files);
            Files.writeString(tmp.resolve(INDEX), new GsonBuilder().setPrettyPrinting().create().toJson(index) + "\n",
                    StandardCharsets.UTF_8);
        });
    }
}
