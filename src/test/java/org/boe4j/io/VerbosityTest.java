package org.boe4j.io;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The quiet default (issue 16 defect 10, issue 14): which library output is hidden, and how it is hidden. */
class VerbosityTest {

    private static final String NOTICE = "Added differentiated op ";

    private static String filtered(String... writes) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrefixLineFilter filter = new PrefixLineFilter(target, NOTICE);
        for (String w : writes) {
            filter.write(w.getBytes(StandardCharsets.UTF_8));
        }
        filter.finish();
        return target.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onlyWholeLinesStartingWithThePrefixAreDropped() throws IOException {
        assertThat(filtered("Added differentiated op matmul\n", "step 1/3\n", "Added differentiated op add_1\n"))
                .isEqualTo("step 1/3\n");
        // the prefix elsewhere than at a line start, a line that diverges late, non-ASCII text, \r redraws
        assertThat(filtered("loss: Added differentiated op x\n", "Added differentiated ops are 3\n",
                "encodé 50%\r", "encodé 100%\n"))
                .isEqualTo("loss: Added differentiated op x\nAdded differentiated ops are 3\nencodé 50%\rencodé 100%\n");
        // split across writes, and an unfinished line start that is released when the filtering ends
        assertThat(filtered("Added diff", "erentiated op z\nAdd", "ed 3 rows\n", "Added")).isEqualTo("Added 3 rows\nAdded");
    }

    @Test
    void aLineThatIsNotANoticeIsPassedOnAtOnce() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrefixLineFilter filter = new PrefixLineFilter(target, NOTICE);
        filter.write("encoding 10%".getBytes(StandardCharsets.UTF_8));
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("encoding 10%");
    }

    @Test
    void withoutStdoutLinesHidesTheLinesUnlessVerbose() {
        Runnable library = () -> {
            System.out.println(NOTICE + "matmul");
            System.out.println("result 42");
        };
        assertThat(captureStdout(() -> Verbosity.withoutStdoutLines(NOTICE, library))).isEqualTo("result 42\n");
        System.setProperty(Verbosity.PROPERTY, "true");
        try {
            assertThat(captureStdout(() -> Verbosity.withoutStdoutLines(NOTICE, library)))
                    .isEqualTo(NOTICE + "matmul\nresult 42\n");
        } finally {
            System.clearProperty(Verbosity.PROPERTY);
        }
    }

    /**
     * slf4j-simple's configuration on the class path (src/main/resources/simplelogger.properties): WARN and above,
     * and the three known-harmless warnings (DJL's CUDA probe, ND4J's duplicate TF op mappings, SameDiff's dropout
     * dtype notice) off at their loggers, while errors still show.
     */
    @Test
    void libraryLoggingIsAtWarnAndTheKnownHarmlessWarningsAreOff() {
        assertThat(LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").isWarnEnabled()).isTrue();
        for (String quiet : new String[]{"ai.djl.util.cuda.CudaUtils", "org.nd4j.imports.converters.ImportClassMapping",
                "org.nd4j.autodiff.functions.DifferentialFunction"}) {
            assertThat(LoggerFactory.getLogger(quiet).isWarnEnabled()).as(quiet).isFalse();
            assertThat(LoggerFactory.getLogger(quiet).isErrorEnabled()).as(quiet).isTrue();
        }
    }

    private static String captureStdout(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
