package org.boe4j.nn;

import org.boe4j.bert.BertConfig;
import org.boe4j.bert.BertInputs;
import org.boe4j.bert.BertModel;
import org.boe4j.bert.BertParameters;
import org.boe4j.bert.HiddenAct;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Backprop} against SameDiff's own {@code calculateGradientsAndOutputs} on a small float32 encoder in training
 * mode (dropout masks fed): same loss and gradients bit for bit, on the first call and on later calls, which run
 * on arrays the session's cache handed back (the point of releasing them).
 */
class BackpropTest {

    static final BertConfig CONFIG = new BertConfig(50, 16, 2, 2, 32, HiddenAct.GELU_TANH, 0.1, 0.1, 16, 2, 0.5,
            1e-12, 0);

    /** A small encoder in training mode with a loss on both outputs, token types and padding in the batch. */
    private static final class Fixture {
        final BertModel model = BertModel.build(CONFIG, DataType.FLOAT, 7L);
        final List<String> names = new ArrayList<>(BertParameters.expectedShapes(CONFIG).keySet());
        final Map<String, INDArray> feed;

        Fixture() {
            SameDiff sd = model.sameDiff();
            Nd4j.getRandom().setSeed(1);
            SDVariable r = sd.constant("R", Nd4j.rand(DataType.FLOAT, 3, 6, CONFIG.hiddenSize()).subi(0.5));
            model.sequenceOutput().mul(r).sum().add(model.pooledOutput().sum()).rename("loss");
            sd.setLossVariables("loss");
            int[][] ids = {{1, 5, 7, 2, 0, 0}, {1, 9, 9, 3, 4, 2}, {1, 3, 2, 0, 0, 0}};
            int[][] mask = {{1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}};
            int[][] types = {{0, 0, 1, 1, 0, 0}, {0, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}};
            Nd4j.getRandom().setSeed(2);
            feed = model.placeholders(BertInputs.of(ids, mask, types), true);
        }
    }

    @Test
    void gradientsAreBitIdenticalToSameDiffsOwnCallAcrossRepeatedCalls() {
        Fixture f = new Fixture();
        BertModel model = f.model;
        SameDiff sd = model.sameDiff();
        List<String> names = f.names;
        Map<String, INDArray> feed = f.feed;

        OutAndGrad stock = sd.calculateGradientsAndOutputs(feed, List.of("loss"), names);
        for (int call = 0; call < 3; call++) {
            OutAndGrad ours = Backprop.outputsAndGradients(sd, feed, List.of("loss"), names);
            assertThat(ours.getOutputs().get("loss").getFloat(0)).as("loss, call %d", call)
                    .isEqualTo(stock.getOutputs().get("loss").getFloat(0));
            assertThat(ours.getGradients()).containsOnlyKeys(names);
            for (String name : names) {
                INDArray expected = stock.getGradients().get(name);
                assertThat(expected.amaxNumber().doubleValue()).as(name).isGreaterThan(0);
                assertThat(ours.getGradients().get(name)).as("%s, call %d", name, call).isEqualTo(expected);
            }
        }
        model.closeMasks(feed);
    }

    /**
     * Released arrays are freed at once, so a gradient that still shared memory with a released array would be
     * overwritten by later allocations: repeated calls with other arrays allocated in between must keep giving
     * the stock gradients (this caught the in-place scatter_add of the lookups' old gradient, see TrainableGather).
     */
    @Test
    void repeatedCallsWithMemoryReuseInBetweenKeepTheStockGradients() {
        Fixture f = new Fixture();
        BertModel model = f.model;
        SameDiff sd = model.sameDiff();
        List<String> names = f.names;
        Map<String, INDArray> feed = f.feed;
        Map<String, INDArray> stock = sd.calculateGradientsAndOutputs(feed, List.of("loss"), names).getGradients();
        Random sizes = new Random(3);
        List<INDArray> other = new ArrayList<>();
        for (int call = 0; call < 100; call++) {
            Map<String, INDArray> ours = Backprop.gradients(sd, feed, names);
            for (int j = 0; j < 20; j++) {
                other.add(Nd4j.valueArrayOf(new long[]{1 + sizes.nextInt(2000)}, 12345.0f));
            }
            for (String name : names) {
                assertThat(ours.get(name)).as("%s, call %d", name, call).isEqualTo(stock.get(name));
            }
            ours.values().forEach(INDArray::close);
            if (other.size() > 400) {
                other.forEach(INDArray::close);
                other.clear();
            }
        }
        model.closeMasks(feed);
    }

    @Test
    void unknownVariableIsNamed() {
        BertModel model = BertModel.build(CONFIG, DataType.FLOAT, 7L);
        model.pooledOutput().sum().rename("loss");
        model.sameDiff().setLossVariables("loss");
        assertThatThrownBy(() -> Backprop.gradients(model.sameDiff(), Map.of(), List.of("no.such.weight")))
                .hasMessageContaining("no.such.weight");
    }

    /**
     * SameDiff prints an "Added differentiated op ..." line to System.out for every op it differentiates (issue 16,
     * defect 10: 519 lines per fine-tuned run); building the gradient function through Backprop prints nothing.
     */
    @Test
    void buildingTheGradientFunctionPrintsNothingOnStdout() {
        Fixture f = new Fixture();
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Backprop.outputsAndGradients(f.model.sameDiff(), f.feed, List.of("loss"), f.names);
        } finally {
            System.setOut(old);
        }
        assertThat(f.model.sameDiff().hasGradientFunction()).isTrue();
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
