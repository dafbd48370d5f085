package org.boe4j.train;

import java.nio.file.Path;

/**
 * The training run of {@link ProcessKillResumeTest}, as a main class so the test can start it in a separate JVM
 * and kill it with SIGKILL at an arbitrary moment (possibly in the middle of writing a checkpoint or a log line).
 */
public final class KillableTrainingRun {

    private KillableTrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        Trainer<SoftmaxRegression.Batch> t = ProcessKillResumeTest.trainer(runDir, ProcessKillResumeTest.model(1));
        if (args.length > 1 && args[1].equals("resume")) {
            t.resume();
        } else {
            t.train();
        }
    }
}
