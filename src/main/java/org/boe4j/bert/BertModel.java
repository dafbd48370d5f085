package org.boe4j.bert;

import org.boe4j.bert.fused.FusedKernels;
import org.boe4j.nn.Dropout;
import org.boe4j.nn.TrainableGather;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hugging Face's {@code BertModel} as one SameDiff graph: {@link BertEmbeddings} → {@link BertEncoder} →
 * {@link BertPooler}.
 *
 * <p>Legend: B batch, T sequence, D hidden.
 * <ul>
 *   <li>Placeholders (see {@link BertGraph}): {@code input_ids}, {@code attention_mask}, {@code token_type_ids}
 *       int32 [B, T] with any B and any T ≤ max positions, and one mask per dropout site ({@link Dropout}).</li>
 *   <li>Variables: one per {@link BertParameters} entry, named by its Hugging Face key.</li>
 *   <li>Named outputs: {@code embeddings.output}, {@code encoder.layer.L.output} [B, T, D],
 *       {@code sequence_output} [B, T, D], {@code pooled_output} [B, D].</li>
 * </ul>
 * The graph is differentiable end to end ({@link TrainableGather} fixes the lookups' gradient); later stages
 * (the BoE head, training) extend {@link #sameDiff()} directly and feed {@link #placeholders}.
 */
public final class BertModel {

    private final BertConfig config;
    private final SameDiff sd;
    private final BertGraph graph;
    private final SDVariable embeddingsOutput;
    private final SDVariable sequenceOutput;
    private final SDVariable pooledOutput;

    private BertModel(BertConfig config, DataType dataType, boolean fused, BertGraph.ParameterSource parameters) {
        this.config = config;
        if (FusedKernels.backendSupported()) {
            // before the graph exists, so that all its sessions run Java ops (the fused kernels, and the lookup
            // gradient even in the plain graph) and free released arrays at once (fused.FreeOnRelease)
            FusedKernels.install();
        }
        this.sd = SameDiff.create();
        this.graph = new BertGraph(sd, config, dataType, parameters, FusedKernels.enabled(fused, dataType));
        BertEmbeddings embeddings = new BertEmbeddings(graph);
        BertEncoder encoder = new BertEncoder(graph);
        BertPooler pooler = new BertPooler(graph);
        this.embeddingsOutput = embeddings.apply(graph);
        this.sequenceOutput = encoder.apply(graph, embeddingsOutput);
        this.pooledOutput = pooler.apply(graph, sequenceOutput);
    }

    /**
     * A randomly initialised float32 model, as BERT initialises one: weights and embeddings ~ N(0,
     * initializer_range²), biases 0, LayerNorm gamma 1 and beta 0.
     */
    public static BertModel build(BertConfig config) {
        return build(config, DataType.FLOAT, 42L);
    }

    public static BertModel build(BertConfig config, DataType dataType, long seed) {
        return build(config, dataType, seed, FusedKernels.requestedByDefault());
    }

    /** {@link #build(BertConfig, DataType, long)} with the encoder option {@code fused} given (see {@link #fused()}). */
    public static BertModel build(BertConfig config, DataType dataType, long seed, boolean fused) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return new BertModel(config, dataType, fused, (name, shape, type) -> {
            if (name.endsWith("LayerNorm.weight")) {
                return Nd4j.ones(type, shape);
            }
            if (name.endsWith(".bias")) {
                return Nd4j.zeros(type, shape);
            }
            return Nd4j.randn(0.0, config.initializerRange(), shape, random).castTo(type);
        });
    }

    /** A float32 model holding {@code weights} (keyed by {@link BertParameters} names; used without copying). */
    public static BertModel load(BertConfig config, Map<String, INDArray> weights) {
        return load(config, weights, DataType.FLOAT);
    }

    /**
     * A model holding {@code weights}, which must contain exactly the {@link BertParameters} names with their
     * shapes; arrays of another float type are converted to {@code dataType}.
     */
    public static BertModel load(BertConfig config, Map<String, INDArray> weights, DataType dataType) {
        return load(config, weights, dataType, FusedKernels.requestedByDefault());
    }

    /**
     * {@link #load(BertConfig, Map, DataType)} with the encoder option {@code fused}: true builds the hot path from
     * the fused Java kernels where they apply (CPU backend; see {@link #fused()}), false the plain op-by-op graph.
     * Both compute the same function under the same variable names (FusedEncoderTest pins them together).
     */
    public static BertModel load(BertConfig config, Map<String, INDArray> weights, DataType dataType, boolean fused) {
        Map<String, long[]> expected = BertParameters.expectedShapes(config);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            INDArray w = weights.get(e.getKey());
            if (w == null) {
                problems.add("missing " + e.getKey());
            } else if (!Arrays.equals(w.shape(), e.getValue())) {
                problems.add(e.getKey() + ": expected shape " + Arrays.toString(e.getValue()) + ", found "
                        + Arrays.toString(w.shape()));
            } else if (!w.dataType().isFPType()) {
                problems.add(e.getKey() + ": expected a floating-point array, found " + w.dataType());
            }
        }
        TreeSet<String> extra = new TreeSet<>(weights.keySet());
        extra.removeAll(expected.keySet());
        extra.forEach(name -> problems.add("unexpected " + name));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not match the configuration (" + problems.size()
                    + " problems): " + String.join("; ", problems.subList(0, Math.min(10, problems.size())))
                    + (problems.size() > 10 ? "; ..." : ""));
        }
        return new BertModel(config, dataType, fused, (name, shape, type) -> {
            INDArray w = weights.get(name);
            return w.dataType() == type ? w : w.castTo(type);
        });
    }

    public BertConfig config() {
        return config;
    }

    /** The graph, for later stages to extend (new variables, heads, losses) and train. */
    public SameDiff sameDiff() {
        return sd;
    }

    public DataType dataType() {
        return graph.dataType();
    }

    /**
     * Whether this graph's attention core, bias + GELU and residual + LayerNorm are fused Java kernels
     * ({@link FusedKernels}); false for the plain op-by-op graph (asked for with {@code fused = false} or
     * {@code -Dboe4j.fused=false}, or because the backend is not the CPU).
     */
    public boolean fused() {
        return graph.fused();
    }

    public SDVariable embeddingsOutput() {
        return embeddingsOutput;
    }

    /** Final hidden states [B, T, D]. */
    public SDVariable sequenceOutput() {
        return sequenceOutput;
    }

    /** Pooler output [B, D]. */
    public SDVariable pooledOutput() {
        return pooledOutput;
    }

    /** {@code embeddings.output}, then {@code encoder.layer.0.output} ... in order: every fetchable layer. */
    public List<String> layerOutputNames() {
        List<String> names = new ArrayList<>();
        names.add(BertEmbeddings.OUTPUT);
        for (int l = 0; l < config.numHiddenLayers(); l++) {
            names.add(BertLayer.outputName(l));
        }
        return names;
    }

    /** The parameters' current arrays by Hugging Face name (live, not copies), in checkpoint order. */
    public Map<String, INDArray> weights() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : BertParameters.expectedShapes(config).keySet()) {
            m.put(name, sd.getVariable(name).getArr());
        }
        return m;
    }

    /**
     * The placeholder values for one (validated) batch. With {@code training}, every dropout site gets a fresh
     * mask drawn from {@code Nd4j.getRandom()} (seed it for reproducible runs); otherwise all share one scalar 1.
     * Callers that extend the graph add their own placeholders to this map. The mask arrays are new and belong to
     * the caller ({@link #closeMasks} frees them); the input arrays are the caller's own.
     */
    public Map<String, INDArray> placeholders(BertInputs inputs, boolean training) {
        inputs.validate(config);
        Map<String, INDArray> m = new HashMap<>();
        m.put(BertGraph.INPUT_IDS, inputs.inputIds());
        m.put(BertGraph.ATTENTION_MASK, inputs.attentionMask());
        m.put(BertGraph.TOKEN_TYPE_IDS, inputs.tokenTypeIds());
        INDArray one = training || graph.dropoutSites().isEmpty() ? null : Nd4j.scalar(graph.dataType(), 1.0);
        for (Dropout.Site site : graph.dropoutSites()) {
            m.put(site.placeholder(), training
                    ? site.sampleMask(config.hiddenSize(), config.numAttentionHeads(), inputs.batchSize(),
                    inputs.sequenceLength(), graph.dataType())
                    : one);
        }
        return m;
    }

    /** Releases the dropout mask arrays of a placeholder map made by {@link #placeholders}. */
    public void closeMasks(Map<String, INDArray> placeholders) {
        Set<INDArray> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dropout.Site site : graph.dropoutSites()) {
            INDArray mask = placeholders.get(site.placeholder());
            if (mask != null && closed.add(mask) && mask.closeable()) {
                mask.close();
            }
        }
    }

    /** The dropout sites (mask placeholders) of this graph. */
    public List<Dropout.Site> dropoutSites() {
        return graph.dropoutSites();
    }

    /** Inference: sequence and pooled output. */
    public BertEncoding forward(BertInputs inputs) {
        return forward(inputs, false);
    }

    public BertEncoding forward(int[][] inputIds, int[][] attentionMask, int[][] tokenTypeIds) {
        BertInputs inputs = BertInputs.of(inputIds, attentionMask, tokenTypeIds);
        try {
            return forward(inputs, false);
        } finally {
            inputs.inputIds().close();
            inputs.attentionMask().close();
            inputs.tokenTypeIds().close();
        }
    }

    /** Inference; with {@code allLayers}, also every layer output by name (for audits). */
    public BertEncoding forward(BertInputs inputs, boolean allLayers) {
        List<String> wanted = new ArrayList<>(List.of(BertEncoder.SEQUENCE_OUTPUT, BertPooler.POOLED_OUTPUT));
        if (allLayers) {
            wanted.addAll(layerOutputNames());
        }
        Map<String, INDArray> out = output(inputs, false, wanted.toArray(String[]::new));
        Map<String, INDArray> layers = new LinkedHashMap<>();
        if (allLayers) {
            for (String name : layerOutputNames()) {
                layers.put(name, out.get(name));
            }
        }
        return new BertEncoding(out.get(BertEncoder.SEQUENCE_OUTPUT), out.get(BertPooler.POOLED_OUTPUT),
                Collections.unmodifiableMap(layers));
    }

    /** Any named variables of the graph for one batch. */
    public Map<String, INDArray> output(BertInputs inputs, boolean training, String... names) {
        Map<String, INDArray> feed = placeholders(inputs, training);
        try {
            return sd.output(feed, names);
        } finally {
            closeMasks(feed);
        }
    }

    /**
     * Dropout for a head that extends the graph with a [B, D] tensor (e.g. the [CLS] state): the same inverted
     * dropout as inside the encoder, with its own mask placeholder {@code dropout.<name>} that
     * {@link #placeholders} fills (random in training, 1 otherwise).
     */
    public SDVariable dropout(String name, SDVariable x, double rate) {
        return Dropout.apply(graph, name, x, Dropout.Kind.BATCH_ROWS, rate);
    }

    /** {@link #dropout(String, SDVariable, double)} with a generated site name. */
    public SDVariable dropout(SDVariable x, double rate) {
        return dropout("head." + graph.dropoutSites().size(), x, rate);
    }
}
