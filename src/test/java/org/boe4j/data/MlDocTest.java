package org.boe4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLDoc format on the synthetic fixture in src/test/resources/org/boe4j/data/mldoc (see its README). */
class MlDocTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() throws Exception {
        for (String f : List.of("english.train.8", "english.dev", "french.test")) {
            try (InputStream in = DataFile.resource("org/boe4j/data/mldoc/" + f).open()) {
                Files.copy(in, dir.resolve(f));
            }
        }
    }

    @Test
    void readsLabelTabTextLines() throws Exception {
        Dataset train = MlDoc.read(dir, "en", "train.8", BadRowPolicy.FAIL);
        assertThat(train.name()).isEqualTo("mldoc");
        assertThat(train.language()).isEqualTo("en");
        assertThat(train.split()).isEqualTo("train.8");
        assertThat(train.labels()).containsExactly("CCAT", "ECAT", "GCAT", "MCAT");
        assertThat(train.size()).isEqualTo(8);
        assertThat(train.labelCounts()).containsExactly(2, 2, 2, 2);
        Example sixth = train.examples().get(5);
        assertThat(sixth.label()).isEqualTo("ECAT");
        assertThat(sixth.text()).startsWith("  SYNTHETIC. Leading spaces are kept");
        assertThat(sixth.source().line()).isEqualTo(6);
        Example last = train.examples().get(7);
        assertThat(last.text()).isEqualTo("SYNTHETIC. The dollar rose against the yen in \"thin\" holiday trading"
                + "\tafter a TAB.");
    }

    @Test
    void languageAndSplitComeFromTheFileName() throws Exception {
        Dataset fr = MlDoc.read(dir, "french", "test", BadRowPolicy.FAIL);
        assertThat(fr.language()).isEqualTo("fr");
        assertThat(fr.size()).isEqualTo(3);
        assertThat(fr.examples().get(0).text()).isEqualTo(
                "SYNTHETIQUE. Le gouvernement a pr\u00e9sent\u00e9 un nouveau budget mercredi.");
        assertThat(MlDoc.read(dir.resolve("english.dev"), BadRowPolicy.FAIL).split()).isEqualTo("dev");
        assertThatThrownBy(() -> MlDoc.read(dir, "de", "test", BadRowPolicy.FAIL))
                .hasMessageContaining("german.test");
    }

    @Test
    void badRowsNameFileAndLine() throws Exception {
        Path f = dir.resolve("english.test");
        Files.writeString(f, "CCAT\tfine\nXCAT\tunknown label\nno tab here\nGCAT\t   \nMCAT\tfine too\n");
        assertThatThrownBy(() -> MlDoc.read(f, BadRowPolicy.FAIL))
                .isInstanceOf(BadRowException.class)
                .hasMessage(f + ":2: unknown label 'XCAT', expected one of [CCAT, ECAT, GCAT, MCAT]");
        Dataset skipped = MlDoc.read(f, BadRowPolicy.SKIP);
        assertThat(skipped.size()).isEqualTo(2);
        assertThat(skipped.skipped().skipped()).extracting(r -> r.location().line()).containsExactly(2L, 3L, 4L);
        assertThat(skipped.skipped().skipped().get(1).reason()).startsWith("expected LABEL<TAB>text");
        assertThat(skipped.skipped().skipped().get(2).reason()).isEqualTo("empty text");
    }
}
