package org.boe4j.bert;

import org.boe4j.nn.Dropout;
import org.boe4j.nn.Linear;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every scope of the encoder needs while it adds itself to the graph: the {@link SameDiff} instance, the
 * configuration, the floating-point type, the placeholders, the batch and sequence sizes read from the input at
 * run time, and the source of parameter values.
 *
 * <p>Dimension letters used in every model file: B batch, T sequence (keys), F sequence (queries, = T),
 * N attention heads, H head size, D hidden size (= N·H), I intermediate size, V vocabulary.
 *
 * <p>B and T are never baked into the graph: they are read from {@code input_ids}' shape, so one graph serves
 * every batch size and every length up to {@code max_position_embeddings}.
 */
public final class BertGraph implements Dropout.Sites {

    /** Placeholder names, int32 [B, T] each. Dropout masks are placeholders too, see {@link Dropout}. */
    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String TOKEN_TYPE_IDS = "token_type_ids";

    /** Supplies the initial value of a parameter, given its Hugging Face name and shape. */
    @FunctionalInterface
    public interface ParameterSource {
        INDArray value(String name, long[] shape, DataType dataType);
    }

    private final SameDiff sd;
    private final BertConfig config;
    private final DataType dataType;
    private final ParameterSource parameters;
    private final Map<String, long[]> expectedShapes;
    private final SDVariable inputIds;
    private final SDVariable attentionMask;
    private final SDVariable tokenTypeIds;
    private final List<Dropout.Site> dropoutSites = new ArrayList<>();
    private final SDVariable batchAndSeq;
    private final Map<String, SDVariable> shapes = new HashMap<>();
    private final boolean fused;
    private SDVariable one;

    BertGraph(SameDiff sd, BertConfig config, DataType dataType, ParameterSource parameters, boolean fused) {
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("the encoder needs a floating-point type, found " + dataType);
        }
        this.sd = sd;
        this.config = config;
        this.dataType = dataType;
        this.parameters = parameters;
        this.fused = fused;
        this.expectedShapes = BertParameters.expectedShapes(config);
        this.inputIds = sd.placeHolder(INPUT_IDS, DataType.INT, -1, -1);           // [B, T]
        this.attentionMask = sd.placeHolder(ATTENTION_MASK, DataType.INT, -1, -1); // [B, T]
        this.tokenTypeIds = sd.placeHolder(TOKEN_TYPE_IDS, DataType.INT, -1, -1);  // [B, T]
        this.batchAndSeq = sd.shape("input_shape", inputIds);                       // [2] = (B, T), int64
    }

    /**
     * Whether the hot path is built from the fused Java kernels ({@code bert.fused}, see FusedKernels) rather than
     * op by op; decided once per graph.
     */
    public boolean fused() {
        return fused;
    }

    /** The scalar 1 of the graph's type, the dropout-mask input of a fused kernel at a site with rate 0. */
    @Override
    public SDVariable one() {
        if (one == null) {
            one = sd.constant("fused.one", Nd4j.scalar(dataType, 1.0));
        }
        return one;
    }

    @Override
    public SameDiff sd() {
        return sd;
    }

    public BertConfig config() {
        return config;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    public SDVariable inputIds() {
        return inputIds;
    }

    public SDVariable attentionMask() {
        return attentionMask;
    }

    public SDVariable tokenTypeIds() {
        return tokenTypeIds;
    }

    @Override
    public void addDropoutSite(Dropout.Site site) {
        dropoutSites.add(site);
    }

    /** Every dropout site, in graph order. */
    public List<Dropout.Site> dropoutSites() {
        return List.copyOf(dropoutSites);
    }

    /** T as an int32 scalar, read from the input at run time. */
    public SDVariable sequenceLength() {
        return sd.sizeAt(inputIds, 1).castTo(DataType.INT);
    }

    /**
     * The run-time shape [B, T, tail...] as an int64 vector, for reshapes; one graph node per distinct tail, shared
     * by every reshape that needs it (each node is executed once per forward, whatever it feeds).
     */
    public SDVariable shapeBT(long... tail) {
        if (tail.length == 0) {
            return batchAndSeq;
        }
        return shapes.computeIfAbsent(Arrays.toString(tail),
                key -> sd.concat(0, batchAndSeq, sd.constant(Nd4j.createFromArray(tail))));
    }

    /** The dense layer {@code <scope>.weight} [out, in], {@code <scope>.bias} [out] (created in that order). */
    public Linear linear(String scope) {
        SDVariable weight = parameter(scope + ".weight");
        SDVariable bias = parameter(scope + ".bias");
        return new Linear(weight, bias);
    }

    /**
     * Creates the trainable variable named {@code name} (a Hugging Face key from {@link BertParameters}) with the
     * value the parameter source gives, checking that name and shape follow the contract.
     */
    public SDVariable parameter(String name) {
        long[] shape = expectedShapes.get(name);
        if (shape == null) {
            throw new IllegalStateException("not a BertParameters name: " + name);
        }
        INDArray value = parameters.value(name, shape, dataType);
        if (!Arrays.equals(value.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape)
                    + ", found " + Arrays.toString(value.shape()));
        }
        if (value.dataType() != dataType) {
            throw new IllegalArgumentException(name + ": expected " + dataType + ", found " + value.dataType());
        }
        return sd.var(name, value);
    }
}
