package org.boe4j.train;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit the program runs from, for provenance: {@code git rev-parse --short=12 HEAD} and
 * {@code git status --porcelain}, run in the directory the classes were loaded from (target/classes of the
 * repository when started by the launcher or the tests), not in the working directory: the launcher runs the CLI in
 * the caller's directory, which may be another repository or none. Null when that is not a git work tree, git is
 * missing or does not answer within 5 s: the version is informative, never a reason to fail a run.
 */
final class GitCommit {

    private static volatile String cached;
    private static volatile boolean looked;

    private GitCommit() {
    }

    /** "abc123def456" or "abc123def456-dirty" for the code's own work tree, or null. Looked up once per JVM. */
    static String ofCode() {
        if (!looked) {
            synchronized (GitCommit.class) {
                if (!looked) {
                    Path dir = codeDirectory();
                    cached = dir == null ? null : of(dir);
                    looked = true;
                }
            }
        }
        return cached;
    }

    /** The commit of the work tree that holds {@code dir}, or null. */
    static String of(Path dir) {
        String head = run(dir, List.of("git", "rev-parse", "--short=12", "HEAD"));
        if (head == null || !head.matches("[0-9a-f]{7,40}")) {
            return null;
        }
        String status = run(dir, List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return head + (status != null && !status.isEmpty() ? "-dirty" : "");
    }

    /** The directory of this class's code source (a classes directory, or the directory holding the jar). */
    static Path codeDirectory() {
        try {
            CodeSource source = GitCommit.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static String run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(new File(dir.toString())).redirectErrorStream(true)
                    .start();
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
