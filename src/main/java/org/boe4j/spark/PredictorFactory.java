package org.boe4j.spark;

import java.io.IOException;
import java.io.Serializable;
import org.boe4j.model.DocumentPredictor;

/**
 * Loads a trained model: shipped to the executors (it holds only paths and settings) and called once per
 * executor JVM by {@link ExecutorPredictors}. {@link #key()} names the model, so that one JVM running several
 * jobs or stages keeps one instance per model.
 */
public interface PredictorFactory extends Serializable {

    DocumentPredictor create() throws IOException;

    /** Identifies the model (e.g. its directory); equal keys share one loaded instance per JVM. */
    String key();
}
