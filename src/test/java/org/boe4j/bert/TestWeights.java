package org.boe4j.bert;

import org.boe4j.bert.convert.WeightsConverter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The real M-BERT weights for tests that need them: {@link #mbertDir()} converts Google's checkpoint (from the Maven
 * artifact on the test classpath) into {@code weights/bert-base-multilingual-cased} under the project directory
 * the first time (about 30 s), and afterwards only re-checks the directory's manifest (a few seconds, once per JVM).
 * The demo and the CLI use the same directory. Set {@code -Dboe4j.test.mbertDir=/path} to use another converted copy.
 */
public final class TestWeights {

    private static Path mbert;

    private TestWeights() {
    }

    /** The converted M-BERT directory (config.json, model.safetensors, vocab.txt, tokenizer.json); thread-safe. */
    public static synchronized Path mbertDir() {
        if (mbert == null) {
            Path dir = Path.of(System.getProperty("boe4j.test.mbertDir", WeightsConverter.DEFAULT_TARGET.toString()))
                    .toAbsolutePath();
            try {
                new WeightsConverter(System.out).convert(null, dir, false);
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare the M-BERT weights in " + dir, e);
            }
            mbert = dir;
        }
        return mbert;
    }
}
