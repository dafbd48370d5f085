package org.boe4j.io;

import java.nio.file.Path;

/**
 * Where boe4j's default directories live: {@code runs/} (experiment reports and models), {@code kb/} (the default
 * ICU KB) and {@code weights/} (the converted M-BERT). Every path the user types is the user's, resolved against
 * the working directory as usual; only these defaults are resolved against the home.
 *
 * <p>The home is the system property {@value #PROPERTY} (the {@code boe4j} launcher sets it to
 * {@code $BOE4J_HOME}, or else to the repository it lives in), else the environment variable {@value #ENV}, else the
 * working directory (tests, an IDE, a plain {@code java -cp} run). Why a home rather than the working directory:
 * the converted weights (714 MB) and the default KB are built once and shared by every command, wherever it is
 * started from; a run from another directory must neither rebuild them there nor write its report there unasked.
 *
 * @param dir the home directory; the empty path means the working directory (defaults then stay relative)
 */
public record Boe4jHome(Path dir) {

    public static final String PROPERTY = "boe4j.home";
    public static final String ENV = "BOE4J_HOME";
    /** The converted M-BERT directory, relative to the home. */
    public static final Path WEIGHTS = Path.of("weights", "bert-base-multilingual-cased");
    /** The default KB file (built from ICU4J on first use), relative to the home. */
    public static final Path DEFAULT_KB = Path.of("kb", "icu-default.boe4jkb");
    /** Where experiment run directories go, relative to the home. */
    public static final Path RUNS = Path.of("runs");

    /** The home of this process (see the class comment for the order). */
    public static Boe4jHome current() {
        return of(System.getProperty(PROPERTY), System.getenv(ENV));
    }

    /** The home given the property's and the environment variable's values (null or blank: not set). */
    static Boe4jHome of(String property, String env) {
        if (property != null && !property.isBlank()) {
            return new Boe4jHome(Path.of(property));
        }
        if (env != null && !env.isBlank()) {
            return new Boe4jHome(Path.of(env));
        }
        return new Boe4jHome(Path.of(""));
    }

    public Path weights() {
        return dir.resolve(WEIGHTS);
    }

    public Path defaultKb() {
        return dir.resolve(DEFAULT_KB);
    }

    public Path runs() {
        return dir.resolve(RUNS);
    }
}
