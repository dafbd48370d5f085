package org.boe4j.cli;

import org.boe4j.io.TerminalText;
import org.boe4j.io.Verbosity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code boe4j} command line: parsing and display only; the work lives in the packages below. */
@Command(name = "boe4j", mixinStandardHelpOptions = true, version = "boe4j 0.1.0",
        description = "Multilingual BERT + bag of entities, zero-shot cross-lingual classification, in pure Java.",
        subcommands = {DemoCommand.class, ExperimentCommand.class, PredictCommand.class, ExplainCommand.class,
                EncodeCommand.class, AuditCommand.class, WeightsCommand.class, KbCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code of a command line that cannot be read (picocli's code for usage errors). */
    static final int USAGE_ERROR = 2;

    // read before parsing (see run): logging is configured when the first logger is created, which may be early
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "also print the libraries' logging (INFO)"
            + " and notices, which are hidden by default (same as BOE4J_VERBOSE=1)")
    boolean verbose;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        String bad = invalidArgument(args);
        if (bad != null) {
            System.err.println("boe4j: error: " + bad);
            return USAGE_ERROR;
        }
        if (verboseRequested(args)) {
            Verbosity.enable();
        }
        CommandLine cli = new CommandLine(new Main());
        ExperimentCommand.listDatasetFormats(cli.getSubcommands().get("experiment").getCommandSpec());
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("boe4j: error: " + TerminalText.escapeKeepingNewlines(String.valueOf(ex.getMessage())));
            if (System.getenv("BOE4J_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            }
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors through; a trace of 40 native frames says less than the limits do
            System.err.println("boe4j: error: " + MemoryLimits.message(null, "raise", e));
            if (System.getenv("BOE4J_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    /** --verbose anywhere before a "--" (after it, words are texts), or BOE4J_VERBOSE=1. */
    static boolean verboseRequested(String[] args) {
        if (Verbosity.verbose()) {
            return true;
        }
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why an argument cannot be used, or null. The JVM decodes the command line from the locale's charset (the
     * launcher makes it UTF-8) and puts U+FFFD where bytes are not valid: the text is then no longer what the user
     * typed, so it is refused as invalid UTF-8 in a --file is, instead of being classified silently.
     */
    static String invalidArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            int at = args[i].indexOf('\uFFFD');
            if (at >= 0) {
                return "command-line argument " + (i + 1) + " is not valid UTF-8 (replacement character U+FFFD at"
                        + " character " + (at + 1) + ": \"" + TerminalText.escape(args[i]) + "\"); give UTF-8 text,"
                        + " or the text in a UTF-8 file with --file";
            }
        }
        return null;
    }
}
