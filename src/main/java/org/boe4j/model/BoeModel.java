package org.boe4j.model;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.fused.FusedKernels;
import org.boe4j.nn.Backprop;
import org.boe4j.nn.TrainableGather;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * M-BERT + bag of entities (docs/method.md §5-6) as one SameDiff graph: the encoder graph of {@link BertModel}, extended
 * with the entity table, the entity attention and the classifier.
 *
 * <pre>
 * Legend: B batch, T tokens, K entities per document (padded), D hidden, E entity-table rows, C labels.
 *   h      = sequence_output[:, 0, :]  (the [CLS] state; or pooled_output)      // [B, D]
 *   V      = E_table[entity_ids]                                                 // [B, K, D]
 *   z      = EntityAttention(h, V, commonness, mask; W_a)                        // [B, D]  (0 for the baseline)
 *   logits = ClassifierHead(dropout(h + z))                                      // [B, C]
 *            ClassifierHead(dropout(h + g z))  with the gate option, g a learned scalar (ours, not eqs. (5)-(6) of docs/method.md)
 * </pre>
 * Placeholders: the encoder's ({@code input_ids}, {@code attention_mask}, {@code token_type_ids}, {@code training}),
 * and for the entity variants {@code entity_ids} int32 [B, K], {@code entity_commonness} [B, K],
 * {@code entity_mask} [B, K]; {@code labels} [B, C] for the loss.
 */
public final class BoeModel {

    public static final String ENTITY_TABLE = "boe.entity_embeddings.weight";
    public static final String ATTENTION_WEIGHT = "boe.attention.weight";
    /** The learned scalar g of the gate option, [1] (features = h + g z). */
    public static final String GATE = "boe.gate";
    public static final String ENTITY_IDS = "entity_ids";
    public static final String ENTITY_COMMONNESS = "entity_commonness";
    public static final String ENTITY_MASK = "entity_mask";
    public static final String FEATURES = "boe.features";
    /** The document-vector placeholder of a head built on precomputed encoder outputs ({@link #onFeatures}). */
    public static final String H = "h";
    /** The document vector h = the final [CLS] state, in a graph that extends the encoder. */
    public static final String CLS = "boe.h";

    /**
     * W_a starts at (1, 1): attention grows with both the cosine and the commonness, the paper gives no value (ours).
     */
    static final double[] ATTENTION_INIT = {1.0, 1.0};

    private final SameDiff sd;
    private final BertModel encoder;
    private final DataType dtype;
    private final HeadConfig head;
    private final int entityTableRows;
    /** The head's parameters and shapes ({@link HeadParameters#expectedShapes}). */
    private final Map<String, long[]> headShapes;

    /** What sits on top of the encoder; {@code boe} null means {@link BoeOptions#PAPER}. */
    public record HeadConfig(ModelVariant variant, TaskType task, List<String> labels, int maxEntitiesPerDocument,
                             BoeOptions boe) {

        /** The paper's head ({@link BoeOptions#PAPER}). */
        public HeadConfig(ModelVariant variant, TaskType task, List<String> labels, int maxEntitiesPerDocument) {
            this(variant, task, labels, maxEntitiesPerDocument, BoeOptions.PAPER);
        }

        public HeadConfig {
            boe = boe == null ? BoeOptions.PAPER : boe;
            labels = List.copyOf(labels);
            if (labels.size() < 2 && task == TaskType.SINGLE_LABEL) {
                throw new IllegalArgumentException("a single-label task needs at least 2 labels, found " + labels);
            }
            if (maxEntitiesPerDocument < 1) {
                throw new IllegalArgumentException("maxEntitiesPerDocument must be >= 1");
            }
        }
    }

    private BoeModel(SameDiff sd, BertModel encoder, DataType dtype, HeadConfig head, Map<String, long[]> headShapes) {
        this.sd = sd;
        this.encoder = encoder;
        this.dtype = dtype;
        this.head = head;
        this.headShapes = headShapes;
        this.entityTableRows = head.variant().usesEntities() ? (int) headShapes.get(ENTITY_TABLE)[0] : 0;
    }

    /**
     * Extends {@code encoder}'s graph in place.
     *
     * @param entityTable [E, D] initial entity vectors, row 0 the padding entity; ignored (may be null) for the
     *                    baseline
     */
    public static BoeModel attach(BertModel encoder, HeadConfig head, INDArray entityTable) {
        SDVariable h = encoder.sequenceOutput().get(SDIndex.all(), SDIndex.point(0), SDIndex.all()).rename(CLS); // [B, D]
        Map<String, long[]> shapes = buildHead(encoder.sameDiff(), h, encoder.config(), head, entityTable,
                encoder.dataType(), x -> encoder.dropout(x, encoder.config().hiddenDropoutProb()));
        HeadParameters.checkCreated(encoder.sameDiff(), shapes, encoder.weights().keySet());
        return new BoeModel(encoder.sameDiff(), encoder, encoder.dataType(), head, shapes);
    }

    /**
     * The same head on a graph of its own whose input is the placeholder {@code h} [B, D]: for training on
     * precomputed, frozen encoder outputs (the demo's fast mode). The variables have the same names as in
     * {@link #attach}, so a head trained here drops into the full model. No dropout: h is fixed, and the head's
     * parameters are few.
     */
    public static BoeModel onFeatures(BertConfig config, HeadConfig head, INDArray entityTable, DataType dtype) {
        if (FusedKernels.backendSupported()) {
            FusedKernels.install();   // the lookup gradient's Java kernel and sessions that free arrays at once
        }
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.placeHolder(H, dtype, -1, config.hiddenSize());                          // [B, D]
        Map<String, long[]> shapes = buildHead(sd, h, config, head, entityTable, dtype, x -> x);
        HeadParameters.checkCreated(sd, shapes, Set.of());
        return new BoeModel(sd, null, dtype, head, shapes);
    }

    /** Builds the head on h and returns the parameters it created ({@link HeadParameters#expectedShapes}). */
    private static Map<String, long[]> buildHead(SameDiff sd, SDVariable h, BertConfig config, HeadConfig head,
                                                 INDArray entityTable, DataType dtype,
                                                 UnaryOperator<SDVariable> dropout) {
        int hidden = config.hiddenSize();
        SDVariable features = h;
        int rows = 0;
        if (head.variant().usesEntities()) {
            if (entityTable == null || entityTable.rank() != 2 || entityTable.size(1) != hidden) {
                throw new IllegalArgumentException("the entity table must be [E, " + hidden + "], found "
                        + (entityTable == null ? "none" : Arrays.toString(entityTable.shape())));
            }
            rows = (int) entityTable.size(0);
            SDVariable table = sd.var(ENTITY_TABLE, entityTable.castTo(dtype));                     // [E, D]
            SDVariable ids = sd.placeHolder(ENTITY_IDS, DataType.INT, -1, -1);                      // [B, K]
            SDVariable commonness = sd.placeHolder(ENTITY_COMMONNESS, dtype, -1, -1);               // [B, K]
            SDVariable mask = sd.placeHolder(ENTITY_MASK, dtype, -1, -1);                           // [B, K]
            SDVariable vectors = TrainableGather.lookup(sd, "boe.entity_vectors", table, ids);      // [B, K, D]
            SDVariable wA = head.variant().usesAttention()
                    ? sd.var(ATTENTION_WEIGHT, Nd4j.createFromArray(ATTENTION_INIT).castTo(dtype))  // [2]
                    : null;
            SDVariable z = EntityAttention.build(sd, h, vectors, commonness, mask, wA);             // [B, D]
            if (head.boe().gated()) {
                // ours, departing from eqs. (5)-(6) of docs/method.md (h + z): z enters scaled by a learned g that starts small, so that z cannot
                // displace h at the start of training (docs/model.md, "Options")
                SDVariable gate = sd.var(GATE, Nd4j.createFromArray(new double[]{head.boe().gateInit()}).castTo(dtype));
                z = z.mul(gate).rename("boe.gated_z");                                                  // [B, D]
            }
            features = h.add(z);
        } else {
            // the baseline: renaming h itself would rename it away (the placeholder "h", "pooled_output" or "boe.h",
            // which explain fetches)
            features = sd.identity(features);
        }
        features = dropout.apply(features.rename(FEATURES));                                       // [B, D]
        SDVariable logits = ClassifierHead.build(sd, features, hidden, head.labels().size(), head.task(),
                config.initializerRange(), dtype);
        ClassifierHead.loss(sd, logits, head.task(), dtype);
        sd.setLossVariables(ClassifierHead.LOSS);
        return HeadParameters.expectedShapes(head, hidden, rows);
    }

    /** The encoder graph this head extends, or null for a head on precomputed features. */
    public BertModel encoder() {
        return encoder;
    }

    public boolean onPrecomputedFeatures() {
        return encoder == null;
    }

    /** The graph name of h [B, D]: the placeholder {@value #H} or {@value #CLS}. */
    public String documentVectorName() {
        return encoder == null ? H : CLS;
    }

    public DataType dataType() {
        return dtype;
    }

    public HeadConfig head() {
        return head;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    /** Rows of the entity table (0 for the baseline); entity ids must lie in [1, rows). */
    public int entityTableRows() {
        return entityTableRows;
    }

    /**
     * Names of every trainable variable on the loss path: the encoder's without the pooler (h is the [CLS] state, as
     * in the paper: the pooler receives no gradient), then the head's.
     */
    public List<String> trainableNames() {
        List<String> names = new ArrayList<>();
        if (encoder != null) {
            for (String name : encoder.weights().keySet()) {
                if (!name.startsWith("pooler.")) {
                    names.add(name);
                }
            }
        }
        names.addAll(headShapes.keySet());
        return names;
    }

    /** The head's parameters with their shapes, in the order of {@code head.safetensors}. */
    public Map<String, long[]> headParameterShapes() {
        return Collections.unmodifiableMap(headShapes);
    }

    /** D, the width of h. */
    public long hiddenSize() {
        return headShapes.get(ClassifierHead.WEIGHT)[1];
    }

    /** The live arrays of every trainable variable, by name. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : trainableNames()) {
            m.put(name, sameDiff().getVariable(name).getArr());
        }
        return m;
    }

    /** Placeholder values for one batch of the full model; {@code labels} may be null when no loss is wanted. */
    public Map<String, INDArray> feed(BertInputs inputs, EntityBatch entities, INDArray labels, boolean training) {
        if (encoder == null) {
            throw new IllegalStateException("this head runs on precomputed features: feed h with feedFeatures");
        }
        Map<String, INDArray> feed = new HashMap<>(encoder.placeholders(inputs, training));
        addHeadInputs(feed, inputs.batchSize(), entities, labels);
        return feed;
    }

    /** Placeholder values for one batch of a head on precomputed features h [B, D]. */
    public Map<String, INDArray> feedFeatures(INDArray h, EntityBatch entities, INDArray labels) {
        if (encoder != null) {
            throw new IllegalStateException("this head is attached to an encoder: feed token ids with feed");
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(H, h.castTo(dtype));
        addHeadInputs(feed, h.size(0), entities, labels);
        return feed;
    }

    private void addHeadInputs(Map<String, INDArray> feed, long batchSize, EntityBatch entities, INDArray labels) {
        if (head.variant().usesEntities()) {
            if (entities == null || entities.ids().size(0) != batchSize) {
                throw new IllegalArgumentException("the " + head.variant().cliName()
                        + " variant needs the entities of every document of the batch");
            }
            feed.put(ENTITY_IDS, entities.ids());
            // commonness off: fed as 0, so W_a^T phi = w_1 cos(h, v) and w_2 gets no gradient
            feed.put(ENTITY_COMMONNESS, head.boe().commonness() ? entities.commonness().castTo(dtype)
                    : Nd4j.zeros(dtype, entities.commonness().shape()));
            feed.put(ENTITY_MASK, entities.mask().castTo(dtype));
        }
        if (labels != null) {
            feed.put(ClassifierHead.LABELS, labels.castTo(dtype));
            feed.put(ClassifierHead.LOSS_SCALE, Nd4j.scalar(dtype,
                    ClassifierHead.meanScale(head.task(), batchSize, head.labels().size())));
        }
    }

    /** Loss and gradients of every trainable variable for any prepared feed (the mean over the fed batch). */
    public LossAndGradients lossAndGradients(Map<String, INDArray> feed) {
        return lossAndGradients(feed, trainableNames());
    }

    /**
     * Loss and the gradients of the named variables only: a frozen variable (e.g. the word embeddings) is left out,
     * so no gradient array is returned (and none needs to be kept) for it.
     */
    public LossAndGradients lossAndGradients(Map<String, INDArray> feed, Collection<String> wrt) {
        OutAndGrad result = Backprop.outputsAndGradients(sd, feed, List.of(ClassifierHead.LOSS), List.copyOf(wrt));
        return new LossAndGradients(result.getOutputs().get(ClassifierHead.LOSS).getDouble(0),
                result.getGradients());
    }

    /** Class probabilities [B, C] (inference: dropout off). */
    public INDArray probabilities(BertInputs inputs, EntityBatch entities) {
        return sameDiff().output(feed(inputs, entities, null, false), ClassifierHead.PROBABILITIES)
                .get(ClassifierHead.PROBABILITIES);
    }

    /** Any named values of the graph for a prepared feed (inference). */
    public Map<String, INDArray> output(Map<String, INDArray> feed, String... names) {
        return sd.output(feed, names);
    }

    /** Any named values of the graph for one batch, e.g. the attention weights for {@code explain}. */
    public Map<String, INDArray> output(BertInputs inputs, EntityBatch entities, String... names) {
        return sameDiff().output(feed(inputs, entities, null, false), names);
    }

    /** The loss of one (micro-)batch and the gradient of every trainable variable. */
    public record LossAndGradients(double loss, Map<String, INDArray> gradients) {
    }

    /** Forward and backward pass for one batch with dropout on; the loss is the batch mean. */
    public LossAndGradients lossAndGradients(BertInputs inputs, EntityBatch entities, INDArray labels) {
        return lossAndGradients(inputs, entities, labels, inputs.batchSize());
    }

    /**
     * Forward and backward pass for one micro-batch of a larger batch of {@code wholeBatchSize} documents: the loss
     * and gradients are scaled so that summing them over the micro-batches gives the whole batch's mean.
     */
    public LossAndGradients lossAndGradients(BertInputs inputs, EntityBatch entities, INDArray labels,
                                             long wholeBatchSize) {
        return lossAndGradients(inputs, entities, labels, wholeBatchSize, trainableNames());
    }

    /** As above, with the gradients of the named variables only. */
    public LossAndGradients lossAndGradients(BertInputs inputs, EntityBatch entities, INDArray labels,
                                             long wholeBatchSize, Collection<String> wrt) {
        Map<String, INDArray> feed = feed(inputs, entities, labels, true);
        feed.put(ClassifierHead.LOSS_SCALE, Nd4j.scalar(dtype,
                ClassifierHead.meanScale(head.task(), wholeBatchSize, head.labels().size())));
        try {
            return lossAndGradients(feed, wrt);
        } finally {
            encoder.closeMasks(feed);
        }
    }
}
