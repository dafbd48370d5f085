package org.boe4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.boe4j.model.Prediction;
import org.boe4j.model.Predictor;

/**
 * The per-JVM holder of loaded models: the first task of an executor that needs a model loads it (lazily,
 * once), later tasks reuse it. Calls are serialised per model: a SameDiff graph is not safe for concurrent
 * use, and ND4J already spreads one forward pass over the cores (OpenMP), so an executor should run one
 * inference task at a time ({@code spark.task.cpus} = {@code spark.executor.cores}, docs/scale.md).
 */
final class ExecutorPredictors {

    private static final Map<PredictorFactory, Predictor> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorPredictors() {
    }

    static List<Prediction> predict(PredictorFactory factory, List<String> texts, String language, int batchSize) {
        Predictor p = get(factory);
        synchronized (p) {
            return p.predict(texts, language, batchSize);
        }
    }

    static List<String> labels(PredictorFactory factory) {
        return get(factory).labels();
    }

    /** How many models this JVM loaded (for tests: once per JVM and model). */
    static int loads() {
        return LOADS.get();
    }

    private static Predictor get(PredictorFactory factory) {
        return LOADED.computeIfAbsent(factory, f -> {
            try {
                LOADS.incrementAndGet();
                return f.create();
            } catch (IOException e) {
                throw new UncheckedIOException("could not load the model " + f.modelDir() + ": " + e.getMessage(), e);
            }
        });
    }
}
