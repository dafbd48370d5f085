package org.boe4j.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which home the defaults come from: the launcher's property, else BOE4J_HOME, else the working directory. */
class Boe4jHomeTest {

    @Test
    void thePropertyWinsThenTheEnvironmentThenTheWorkingDirectory() {
        assertThat(Boe4jHome.of("/opt/boe4j", "/data/boe4j").dir()).isEqualTo(Path.of("/opt/boe4j"));
        assertThat(Boe4jHome.of(null, "/data/boe4j").dir()).isEqualTo(Path.of("/data/boe4j"));
        assertThat(Boe4jHome.of(" ", "").dir()).isEqualTo(Path.of(""));
    }

    @Test
    void theDefaultsSitUnderTheHomeAndStayRelativeWithoutOne() {
        Boe4jHome home = Boe4jHome.of("/opt/boe4j", null);
        assertThat(home.runs()).isEqualTo(Path.of("/opt/boe4j/runs"));
        assertThat(home.defaultKb()).isEqualTo(Path.of("/opt/boe4j/kb/icu-default.boe4jkb"));
        assertThat(home.weights()).isEqualTo(Path.of("/opt/boe4j/weights/bert-base-multilingual-cased"));
        Boe4jHome none = Boe4jHome.of(null, null);
        assertThat(none.runs()).isEqualTo(Path.of("runs"));
        assertThat(none.weights()).isEqualTo(Path.of("weights", "bert-base-multilingual-cased"));
    }
}
