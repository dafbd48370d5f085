package org.boe4j.model;

import java.util.ArrayList;
import java.util.List;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityLinker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link DocumentPredictor} over a {@link BoeModel} attached to its encoder: texts are featurized (word pieces and
 * bag of entities, {@link Featurizer}), batched as in training ({@link DocumentBatch}: padded to the batch's
 * longest document, dropout off) and the head's probabilities read out; optionally the attention weights of the
 * entities ({@code boe.attention_probs}).
 */
public final class BoeModelPredictor implements DocumentPredictor {

    private static final String ATTENTION = "boe.attention_probs";

    private final BoeModel model;
    private final Featurizer featurizer;
    private final int batchSize;
    private final double threshold;
    private final boolean attention;

    /**
     * @param batchSize documents per forward pass
     * @param threshold multi-label tasks: a label is predicted when p >= threshold
     * @param attention also report each entity's attention weight (attention variants only)
     */
    public BoeModelPredictor(BoeModel model, Featurizer featurizer, int batchSize, double threshold,
            boolean attention) {
        if (model.onPrecomputedFeatures()) {
            throw new IllegalArgumentException("the predictor needs a head attached to its encoder");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.featurizer = featurizer;
        this.batchSize = batchSize;
        this.threshold = threshold;
        this.attention = attention && model.head().variant().usesAttention();
    }

    @Override
    public List<String> labels() {
        return model.head().labels();
    }

    @Override
    public List<Prediction> predict(List<String> texts, String language) {
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            out.addAll(predictBatch(batch, language));
        }
        return out;
    }

    private List<Prediction> predictBatch(List<String> texts, String language) {
        List<DocumentFeatures> docs = featurizer.featurize(texts, language);
        DocumentBatch b = DocumentBatch.of(docs, null, labels().size(), model.head().maxEntitiesPerDocument(),
                model.entityTableRows(), model.dataType());
        String[] names = attention ? new String[] {ClassifierHead.PROBABILITIES, ATTENTION}
                : new String[] {ClassifierHead.PROBABILITIES};
        var outputs = model.output(model.feed(b.inputs(), b.entities(), null, false), names);
        INDArray p = outputs.get(ClassifierHead.PROBABILITIES);
        INDArray a = attention ? outputs.get(ATTENTION) : null;
        boolean usesEntities = model.head().variant().usesEntities() && featurizer.kb() != null;
        EntityLinker linker = usesEntities ? featurizer.linker(language) : null;
        EntityIndex index = featurizer.index();
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            double[] probs = p.getRow(i).toDoubleVector();
            List<Prediction.PredictedEntity> entities = new ArrayList<>();
            if (linker != null) {
                List<EntityLinker.LinkedEntity> bag = linker.link(texts.get(i));
                int k = Math.min(bag.size(), model.head().maxEntitiesPerDocument());
                for (int j = 0; j < k; j++) {
                    EntityLinker.LinkedEntity e = bag.get(j);
                    entities.add(new Prediction.PredictedEntity(index.title(e.id()), e.commonness(), e.start(),
                            e.end(), a == null ? Double.NaN : a.getDouble(i, j)));
                }
            }
            out.add(new Prediction(predicted(probs), probs, entities));
        }
        return out;
    }

    private List<String> predicted(double[] probs) {
        List<String> labels = new ArrayList<>();
        if (model.head().task() == TaskType.SINGLE_LABEL) {
            int best = 0;
            for (int c = 1; c < probs.length; c++) {
                if (probs[c] > probs[best]) {
                    best = c;
                }
            }
            labels.add(labels().get(best));
        } else {
            for (int c = 0; c < probs.length; c++) {
                if (probs[c] >= threshold) {
                    labels.add(labels().get(c));
                }
            }
        }
        return labels;
    }
}
