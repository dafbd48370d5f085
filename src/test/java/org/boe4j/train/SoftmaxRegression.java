package org.boe4j.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A test model written directly with ND4J ops: inverted dropout on the inputs (drawn from {@code Nd4j.getRandom()},
 * so the trainer's RNG handling matters), then softmax regression {@code p = softmax(x W^T + b)} with the mean
 * cross-entropy loss. Gradients derived by hand: with {@code d = (p - y) / B}, {@code dL/dW = d^T x},
 * {@code dL/db = sum_rows(d)} (checked against finite differences in {@code TrainerTest}).
 */
final class SoftmaxRegression implements TrainableModel<SoftmaxRegression.Batch> {

    static final String WEIGHT = "classifier.weight";
    static final String BIAS = "classifier.bias";

    /** Inputs [B, F] and one-hot labels [B, C]. */
    record Batch(INDArray x, INDArray y) {
    }

    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final double dropout;

    SoftmaxRegression(int features, int classes, double dropout, DataType type, long initSeed) {
        Random r = new Random(initSeed);
        INDArray w = Nd4j.create(type, classes, features);
        for (int i = 0; i < w.length(); i++) {
            w.putScalar(i, r.nextGaussian() * 0.1);
        }
        params.put(WEIGHT, w);
        params.put(BIAS, Nd4j.zeros(type, classes));
        this.dropout = dropout;
    }

    @Override
    public Map<String, INDArray> parameters() {
        return params;
    }

    @Override
    public double trainStep(Batch batch, GradientSums gradients) {
        INDArray x = batch.x();
        if (dropout > 0) {
            INDArray keep = Nd4j.rand(x.dataType(), x.shape()).gt(dropout).castTo(x.dataType());
            x = x.mul(keep).divi(1 - dropout);
        }
        INDArray p = probabilities(x);                                          // [B, C]
        long b = x.rows();
        double loss = -Transforms.log(p, true).muli(batch.y()).sumNumber().doubleValue() / b;
        INDArray d = p.sub(batch.y()).divi(b);                                  // dL/dlogits [B, C]
        gradients.add(WEIGHT, d.transpose().mmul(x));                           // [C, F]
        gradients.add(BIAS, d.sum(0));                                         // [C]
        return loss;
    }

    /** Mean cross-entropy without dropout (for finite differences). */
    double loss(Batch batch) {
        return -Transforms.log(probabilities(batch.x()), true).muli(batch.y()).sumNumber().doubleValue()
                / batch.x().rows();
    }

    INDArray probabilities(INDArray x) {
        INDArray logits = x.mmul(params.get(WEIGHT).transpose()).addiRowVector(params.get(BIAS));
        INDArray shifted = logits.subiColumnVector(logits.max(1));
        INDArray e = Transforms.exp(shifted, false);
        return e.diviColumnVector(e.sum(1));
    }

    double accuracy(Batch batch) {
        INDArray pred = probabilities(batch.x()).argMax(1);
        INDArray gold = batch.y().argMax(1);
        return pred.eq(gold).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** Gaussian clusters around fixed class centres, from a seeded generator. */
    static final class Data implements TrainingData<Batch> {
        final float[][] x;
        final int[] label;
        final int classes;

        Data(int n, int features, int classes, long seed) {
            Random r = new Random(seed);
            Random centres = new Random(1234);
            double[][] c = new double[classes][features];
            for (double[] row : c) {
                for (int f = 0; f < features; f++) {
                    row[f] = centres.nextGaussian() * 1.5;
                }
            }
            this.classes = classes;
            x = new float[n][features];
            label = new int[n];
            for (int i = 0; i < n; i++) {
                label[i] = r.nextInt(classes);
                for (int f = 0; f < features; f++) {
                    x[i][f] = (float) (c[label[i]][f] + r.nextGaussian());
                }
            }
        }

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public Batch batch(int[] indices) {
            float[][] bx = new float[indices.length][];
            float[][] by = new float[indices.length][classes];
            for (int i = 0; i < indices.length; i++) {
                bx[i] = x[indices[i]];
                by[i][label[indices[i]]] = 1f;
            }
            return new Batch(Nd4j.createFromArray(bx), Nd4j.createFromArray(by));
        }

        Batch all() {
            int[] idx = new int[size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            return batch(idx);
        }
    }
}
