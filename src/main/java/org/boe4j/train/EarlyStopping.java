package org.boe4j.train;

/**
 * Stops training when the dev metric has not improved for {@code patience} evaluations in a row, and remembers
 * the step of the best evaluation so the trainer can restore that model.
 */
public final class EarlyStopping {

    public enum Mode { MAX, MIN }

    /** Serialisable state: best metric so far (null before the first evaluation), its step, evaluations since. */
    public record State(Double bestMetric, long bestStep, int evaluationsWithoutImprovement) {
        public static State initial() {
            return new State(null, -1, 0);
        }
    }

    private final int patience;
    private final Mode mode;
    private final double minDelta;
    private State state = State.initial();

    /**
     * @param patience evaluations without improvement before stopping (>= 1; {@link Integer#MAX_VALUE} = never)
     * @param minDelta how much better than the best a metric must be to count as an improvement (>= 0)
     */
    public EarlyStopping(int patience, Mode mode, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, found " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be >= 0, found " + minDelta);
        }
        this.patience = patience;
        this.mode = mode;
        this.minDelta = minDelta;
    }

    /**
     * Records one evaluation; returns true when it is a new best. A NaN metric never improves. On a tie the
     * earlier model stays best.
     */
    public boolean record(double metric, long step) {
        Double best = state.bestMetric();
        boolean improved = !Double.isNaN(metric) && (best == null
                || (mode == Mode.MAX ? metric > best + minDelta : metric < best - minDelta));
        state = improved ? new State(metric, step, 0)
                : new State(best, state.bestStep(), state.evaluationsWithoutImprovement() + 1);
        return improved;
    }

    public boolean shouldStop() {
        return state.evaluationsWithoutImprovement() >= patience;
    }

    public State state() {
        return state;
    }

    public void restore(State s) {
        this.state = s;
    }

    public int patience() {
        return patience;
    }

    public Mode mode() {
        return mode;
    }
}
