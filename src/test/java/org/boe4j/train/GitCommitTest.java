package org.boe4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The provenance's code version names the commit when the tests run in a git work tree (as in CI's clean clone). */
class GitCommitTest {

    @TempDir
    Path elsewhere;

    @Test
    void codeVersionCarriesTheCommitOfTheWorkTree() {
        assumeTrue(Files.exists(Path.of(".git")), "not run from a git work tree");
        String commit = GitCommit.ofCode();
        assumeTrue(commit != null, "git is not on the PATH");
        assertThat(commit).matches("[0-9a-f]{12}(-dirty)?");
        assertThat(TrainingProvenance.currentCodeVersion()).startsWith("boe4j ").endsWith("(git " + commit + ")");
    }

    /**
     * The launcher runs the CLI in the caller's directory: the commit must come from where the classes are (this
     * repository's target/), not from the working directory, which may be no work tree at all.
     */
    @Test
    void theCommitIsTheCodesNotTheWorkingDirectorys() {
        assumeTrue(Files.exists(Path.of(".git")), "not run from a git work tree");
        String here = GitCommit.of(Path.of("").toAbsolutePath());
        assumeTrue(here != null, "git is not on the PATH");
        assertThat(GitCommit.codeDirectory()).startsWith(Path.of("").toAbsolutePath());
        assertThat(GitCommit.ofCode()).isEqualTo(here);
        assertThat(GitCommit.of(elsewhere)).isNull();   // a plain directory: no commit, no failure
    }
}
