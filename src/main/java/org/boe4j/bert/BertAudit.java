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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An audit dump: every layer's output for one batch, as NumPy files named like the golden reference files
 * ({@code layer_00_embeddings.npy}, {@code layer_01.npy} ... , {@code pooled_output.npy}, all positions, float32),
 * the int32 inputs, and {@code index.json} (format {@value #FORMAT}, version {@value #VERSION}) mapping each file to
 * its graph name and shape. The directory is written to a temporary sibling and renamed when complete.
 *
 * <p>{@code layer_k} is the k-th entry of {@link BertModel#layerOutputNames()}: {@code layer_00_embeddings} =
 * {@code embeddings.output}, {@code layer_NN} = {@code encoder.layer.(NN-1).output}, so a dump of the golden inputs can
 * be compared file by file with the TF reference.
 */
public final class BertAudit {

    public static final String FORMAT = "boe4j-audit";
    public static final int VERSION = 1;
    public static final String INDEX = "index.json";

    private BertAudit() {
    }

    /** Runs {@code inputs} through {@code model} (inference) and writes the dump to {@code dir}. */
    public static void write(Path dir, BertModel model, BertInputs inputs) throws IOException {
        BertEncoding out = model.forward(inputs, true);
        List<String> names = model.layerOutputNames();
        AtomicFiles.writeDirectory(dir, tmp -> {
            JsonArray files = new JsonArray();
            add(tmp, files, "input_ids.npy", BertGraph.INPUT_IDS, inputs.inputIds());
            add(tmp, files, "attention_mask.npy", BertGraph.ATTENTION_MASK, inputs.attentionMask());
            add(tmp, files, "token_type_ids.npy", BertGraph.TOKEN_TYPE_IDS, inputs.tokenTypeIds());
            for (int k = 0; k < names.size(); k++) {
                String file = k == 0 ? "layer_00_embeddings.npy" : String.format("layer_%02d.npy", k);
                add(tmp, files, file, names.get(k), out.layers().get(names.get(k)));
            }
            add(tmp, files, "pooled_output.npy", BertPooler.POOLED_OUTPUT, out.pooledOutput());
            JsonObject index = new JsonObject();
            index.addProperty("format", FORMAT);
            index.addProperty("version", VERSION);
            index.add("config", model.config().toJson());
            index.add("files", files);
            Files.writeString(tmp.resolve(INDEX), new GsonBuilder().setPrettyPrinting().create().toJson(index) + "\n",
                    StandardCharsets.UTF_8);
        });
    }

    /** The arrays of a dump, by graph name, read back through its index. */
    public static Map<String, INDArray> read(Path dir) throws IOException {
        JsonObject index = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(INDEX))).getAsJsonObject();
        if (!FORMAT.equals(index.get("format").getAsString()) || index.get("version").getAsInt() != VERSION) {
            throw new IOException(dir.resolve(INDEX) + ": expected format " + FORMAT + " version " + VERSION
                    + ", found " + index.get("format") + " version " + index.get("version"));
        }
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        for (var e : index.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            arrays.put(f.get("name").getAsString(), Npy.read(dir.resolve(f.get("file").getAsString())));
        }
        return arrays;
    }

    private static void add(Path dir, JsonArray files, String file, String name, INDArray array) throws IOException {
        try (var os = Files.newOutputStream(dir.resolve(file))) {
            Npy.write(os, array);
        }
        JsonObject f = new JsonObject();
        f.addProperty("file", file);
        f.addProperty("name", name);
        JsonArray shape = new JsonArray();
        for (long s : array.shape()) {
            shape.add(s);
        }
        f.add("shape", shape);
        f.addProperty("dtype", array.dataType() == org.nd4j.linalg.api.buffer.DataType.INT ? "int32" : "float32");
        files.add(f);
    }
}
