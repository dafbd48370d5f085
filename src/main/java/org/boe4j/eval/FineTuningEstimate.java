package org.boe4j.eval;

import org.boe4j.io.Progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The duration of the fine-tuning runs, estimated from a measured training step rather than from forward passes:
 * a SameDiff backward pass, the AdamW update of 178 M parameters and the model's building cost far more than the
 * "3 forwards per document" rule of thumb says (it predicted a fifth of one run's real time).
 *
 * <p>The first run trained from scratch is timed: from its start (the encoder copy is loaded and the graph built)
 * to the end of its first optimizer step, and its second step alone. Then, once:
 * <pre>
 *   per run = first + (steps - 1) x second + inference documents x forward seconds per document
 *   total   = per run x runs left
 * </pre>
 * where the inference documents are the dev set once per evaluation plus the test sets. Early stopping can end a
 * run sooner; checkpoint writing is not counted; batches of other lengths cost more or less than the second one.
 */
final class FineTuningEstimate {

    private final long totalSteps;
    private final long inferenceDocuments;
    private final double forwardSecondsPerDocument;
    private final int runs;
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private long start = -1;
    private long firstStepEnd = -1;
    private boolean printed;

    /**
     * @param inferenceDocuments per run: dev documents x evaluations + test documents
     * @param runs               (variant, seed) runs still to train
     */
    FineTuningEstimate(long totalSteps, long inferenceDocuments, double forwardSecondsPerDocument, int runs,
                       PrintStream out, LongSupplier nanoClock) {
        this.totalSteps = totalSteps;
        this.inferenceDocuments = inferenceDocuments;
        this.forwardSecondsPerDocument = forwardSecondsPerDocument;
        this.runs = runs;
        this.out = out;
        this.nanoClock = nanoClock;
    }

    /** Whether a run starting now should be timed (only until the estimate is printed). */
    boolean wanted() {
        return !printed;
    }

    void runStarted() {
        start = nanoClock.getAsLong();
        firstStepEnd = -1;
    }

    /** Called after each optimizer step of the timed run; prints the estimate after step 2 (or a 1-step run's 1). */
    boolean afterStep(long step) {
        if (printed || start < 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (firstStepEnd < 0) {
            firstStepEnd = now;
            if (totalSteps > 1) {
                return true;
            }
        }
        double first = (firstStepEnd - start) / 1e9;
        double next = totalSteps > 1 ? (now - firstStepEnd) / 1e9 : first;
        double perRun = first + (totalSteps - 1) * next + inferenceDocuments * forwardSecondsPerDocument;
        out.printf(Locale.ROOT, "measured: the first training step took %.1f s (loading and graph building included),"
                        + " the next %.1f s; estimated duration of the %d fine-tuning run(s) left: %s (%d steps each at"
                        + " that rate, plus evaluation and test at the forward rate; early stopping may end sooner,"
                        + " checkpoint writing is not counted)%n",
                first, next, runs, Progress.duration(perRun * runs), totalSteps);
        printed = true;
        return true;
    }
}
