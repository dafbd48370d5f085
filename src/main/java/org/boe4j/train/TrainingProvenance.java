package org.boe4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a training run came from, stored in every checkpoint's {@code state.json}: the checksum of the weights it
 * started from, of the knowledge base, of every data file, the hyper-parameters, the master seed, the code version
 * and when the run started. A result without this is not auditable.
 *
 * @param initialWeightsSha256 checksum of the pre-trained weights the run started from ("" if none)
 * @param kbSha256             checksum of the knowledge base ("" if the model uses none)
 * @param dataSha256           data file name -> checksum
 * @param hyperParameters      name -> value as text (learning rate, batch size, ...)
 */
public record TrainingProvenance(String codeVersion, String initialWeightsSha256, String kbSha256,
                                 Map<String, String> dataSha256, Map<String, String> hyperParameters, long seed,
                                 String startedUtc) {

    public TrainingProvenance {
        dataSha256 = new TreeMap<>(dataSha256);
        hyperParameters = new TreeMap<>(hyperParameters);
    }

    public static TrainingProvenance of(String initialWeightsSha256, String kbSha256, Map<String, String> dataSha256,
                                        Map<String, String> hyperParameters, long seed) {
        return new TrainingProvenance(currentCodeVersion(), initialWeightsSha256, kbSha256, dataSha256, hyperParameters,
                seed, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * The version Maven recorded in the jar (or "dev" when running from classes: the launcher, tests, an IDE), plus
     * the git commit of the work tree the classes were loaded from (not the working directory) when there is one and
     * {@code git} is on the PATH, with "-dirty" when files differ from that commit: e.g. {@code boe4j dev (git 2eadd82c1f3e-dirty)}.
     */
    public static String currentCodeVersion() {
        String commit = GitCommit.ofCode();
        return mavenVersion() + (commit == null ? "" : " (git " + commit + ")");
    }

    private static String mavenVersion() {
        try (InputStream in = TrainingProvenance.class.getResourceAsStream(
                "/META-INF/maven/org.boe4j/boe4j/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return "boe4j " + p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        String v = TrainingProvenance.class.getPackage().getImplementationVersion();
        return "boe4j " + (v == null ? "dev" : v);
    }
}
