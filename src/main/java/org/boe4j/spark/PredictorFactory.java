package org.boe4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.boe4j.model.Predictor;

/**
 * Where a saved trained model is (a {@code boe4j-model} directory, docs/model.md) and with which KB and encoder to
 * open it: shipped to the executors (paths only; Path is not serialisable, hence strings) and opened once per
 * executor JVM by {@link ExecutorPredictors}. Equal factories share one loaded model per JVM.
 *
 * @param modelDir   the model directory, readable on every executor (shared file system, or {@code --archives})
 * @param kbFile     the KB for entity extraction, or null: the one recorded in the model's model.json
 * @param encoderDir for a head on a frozen encoder: where that encoder is, or null: the recorded path
 */
public record PredictorFactory(String modelDir, String kbFile, String encoderDir) implements Serializable {

    public PredictorFactory {
        if (modelDir == null) {
            throw new IllegalArgumentException("the model directory is needed");
        }
    }

    /** A model directory with its recorded KB and encoder. */
    public PredictorFactory(String modelDir) {
        this(modelDir, null, null);
    }

    public Predictor create() throws IOException {
        return Predictor.open(Path.of(modelDir), kbFile == null ? null : Path.of(kbFile),
                encoderDir == null ? null : Path.of(encoderDir));
    }
}
