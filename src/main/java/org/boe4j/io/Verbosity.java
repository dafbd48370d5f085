package org.boe4j.io;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * How much the libraries under boe4j may print. By default a command prints its results and progress only:
 * library logging is at WARN or above (src/main/resources/simplelogger.properties, slf4j-simple being the binding
 * boe4j ships), with the known-harmless warnings switched off at their logger, and SameDiff's "Added differentiated
 * op" lines, which it prints with System.out.println (no logger to configure), are dropped where they are made
 * ({@link #withoutStdoutLines}). {@code --verbose} or BOE4J_VERBOSE=1 brings all of it back, INFO logging included.
 */
public final class Verbosity {

    public static final String ENV = "BOE4J_VERBOSE";
    static final String PROPERTY = "boe4j.verbose";
    /**
     * The loggers silenced in simplelogger.properties (each there with the reason), which verbose mode re-opens:
     * slf4j-simple reads a system property before its file, but only when its first logger is created.
     */
    private static final String[] QUIETED_LOGGERS = {"ai.djl.util.cuda.CudaUtils",
            "org.nd4j.imports.converters.ImportClassMapping", "org.nd4j.autodiff.functions.DifferentialFunction"};
    private static final Object STDOUT_LOCK = new Object();

    private Verbosity() {
    }

    /** True after {@link #enable()}, or when BOE4J_VERBOSE is 1 or true. */
    public static boolean verbose() {
        return Boolean.getBoolean(PROPERTY) || isTrue(System.getenv(ENV));
    }

    static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /**
     * Verbose mode: INFO logging for every library, no dropped lines. Takes effect for logging only when called before
     * the first logger exists, which is why the CLI calls it while it parses the command line.
     */
    public static void enable() {
        System.setProperty(PROPERTY, "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        for (String logger : QUIETED_LOGGERS) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
        }
    }

    /**
     * Runs {@code action} with the lines it prints to System.out that start with {@code prefix} dropped (unless
     * verbose); every other line, from any thread, passes through unchanged. For a library that prints instead of
     * logging: its own lines are removed at the call that makes them, and nowhere else.
     */
    public static void withoutStdoutLines(String prefix, Runnable action) {
        if (verbose()) {
            action.run();
            return;
        }
        synchronized (STDOUT_LOCK) {
            PrintStream original = System.out;
            PrefixLineFilter filter = new PrefixLineFilter(original, prefix);
            System.setOut(new PrintStream(filter, true, stdoutCharset()));
            try {
                action.run();
            } finally {
                System.out.flush();
                System.setOut(original);
                try {
                    filter.finish();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The charset System.out encodes with on Java 17 (PrintStream.charset() is Java 18): as the JVM chose it. */
    private static Charset stdoutCharset() {
        try {
            return Charset.forName(System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name()));
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
