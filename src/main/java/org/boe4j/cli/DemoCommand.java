package org.boe4j.cli;

import org.boe4j.eval.ExperimentDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code boe4j demo}: the main job on the embedded defaults (SIB-200, the default KB, Google's M-BERT from Maven
 * Central), sized for a 2-core machine; {@code --full} runs the paper's protocol instead. Every number it uses comes
 * from {@link ExperimentDefaults}, as {@code boe4j experiment}'s do.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Convert the M-BERT weights, build the default KB, train on English SIB-200 and evaluate"
                + " zero-shot on fr de ja zh it ru es, then print the table. Default: frozen encoder (h computed once,"
                + " only the bag-of-entities head and classifier train), 4 variants x " + ExperimentDefaults.DEMO_SEEDS
                + " seeds, well under an hour on 2 cores. --full: the paper's protocol (encoder fine-tuned, "
                + ExperimentDefaults.SEEDS + " seeds, all variants; many hours on CPU).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--full", description = "the paper's protocol: fine-tune M-BERT, " + ExperimentDefaults.SEEDS
            + " seeds, all variants")
    boolean full;

    @Option(names = "--seeds", description = "override the number of seeds (default: " + ExperimentDefaults.DEMO_SEEDS
            + ", or " + ExperimentDefaults.SEEDS + " with --full)")
    Integer seeds;

    @Override
    public Integer call() throws Exception {
        ExperimentCommand experiment = experiment();
        String training = ExperimentDefaults.describe(experiment.plan().trainer());
        System.out.println(full
                ? "boe4j demo --full: the paper's protocol (M-BERT fine-tuned with the head; " + training + "; "
                + experiment.seeds + " seeds). On CPU this takes many hours (docs/results.md"
                + " projects them); it resumes after a kill."
                : "boe4j demo: frozen M-BERT encoder (h = [CLS] state computed once per sentence), the BoE head and"
                + " the classifier trained on English (" + training + "), " + experiment.variants.size()
                + " variants x " + experiment.seeds + " seeds, max length " + ExperimentDefaults.MAX_LENGTH
                + " (no SIB-200 sentence is longer). This is smaller than the paper's protocol (encoder fine-tuned):"
                + " run `boe4j demo --full` for that.");
        return experiment.call();
    }

    /** The experiment the demo runs: the embedded SIB-200 and default KB, {@link ExperimentDefaults} otherwise. */
    ExperimentCommand experiment() {
        ExperimentCommand experiment = new ExperimentCommand();
        experiment.variants = ExperimentDefaults.VARIANTS;
        experiment.boePreset = ExperimentDefaults.DEMO_PRESET.cliName();
        if (full) {
            experiment.name = "demo-full";
            experiment.seeds = seeds != null ? seeds : ExperimentDefaults.SEEDS;
            experiment.frozen = false;
            experiment.batch = ExperimentDefaults.FULL_DEMO_MICRO_BATCH;
            experiment.accumulation = ExperimentDefaults.BATCH / ExperimentDefaults.FULL_DEMO_MICRO_BATCH;
        } else {
            experiment.name = "demo";
            experiment.seeds = seeds != null ? seeds : ExperimentDefaults.DEMO_SEEDS;
            experiment.frozen = true;
        }
        return experiment;
    }
}
