package org.boe4j.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The provenance's code version names the commit when the tests run in a git work tree (as in CI's clean clone). */
class GitCommitTest {

    @Test
    void codeVersionCarriesTheCommitOfTheWorkTree() {
        assumeTrue(Files.exists(Path.of(".git")), "not run from a git work tree");
        String commit = GitCommit.ofWorkingDirectory();
        assumeTrue(commit != null, "git is not on the PATH");
        assertThat(commit).matches("[0-9a-f]{12}(-dirty)?");
        assertThat(TrainingProvenance.currentCodeVersion()).startsWith("boe4j ").endsWith("(git " + commit + ")");
    }
}
