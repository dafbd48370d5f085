package org.boe4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit the program runs from, for provenance: {@code git rev-parse --short=12 HEAD} and
 * {@code git status --porcelain} in the working directory (the launcher runs from the repository root). Null when
 * that is not a git work tree, git is missing or does not answer within 5 s: the version is informative, never a
 * reason to fail a run.
 */
final class GitCommit {

    private static volatile String cached;
    private static volatile boolean looked;

    private GitCommit() {
    }

    /** "abc123def456" or "abc123def456-dirty", or null. Looked up once per JVM. */
    static String ofWorkingDirectory() {
        if (!looked) {
            synchronized (GitCommit.class) {
                if (!looked) {
                    String head = run(List.of("git", "rev-parse", "--short=12", "HEAD"));
                    if (head != null && head.matches("[0-9a-f]{7,40}")) {
                        String status = run(List.of("git", "status", "--porcelain", "--untracked-files=no"));
                        cached = head + (status != null && !status.isEmpty() ? "-dirty" : "");
                    }
                    looked = true;
                }
            }
        }
        return cached;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(1 << 16);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
