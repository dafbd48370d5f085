package org.boe4j.train;

/** Evaluates the current parameters on the dev set (in inference mode: no dropout). */
@FunctionalInterface
public interface Evaluator {
    Evaluation evaluate();
}
