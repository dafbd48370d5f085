package org.boe4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code boe4j} command line: parsing and display only; the work lives in the packages below. */
@Command(name = "boe4j", mixinStandardHelpOptions = true, version = "boe4j 0.1.0",
        description = "Multilingual BERT + bag of entities, zero-shot cross-lingual classification, in pure Java.",
        subcommands = {DemoCommand.class, ExperimentCommand.class, PredictCommand.class, ExplainCommand.class,
                EncodeCommand.class, AuditCommand.class, WeightsCommand.class, KbCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("boe4j: error: " + ex.getMessage());
            if (System.getenv("BOE4J_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }
}
