package org.boe4j.eval;

import org.boe4j.bert.BertModel;
import org.boe4j.io.Checksums;
import org.boe4j.io.Npy;
import org.boe4j.io.Progress;
import org.boe4j.model.DocumentFeatures;
import org.boe4j.model.DocumentVectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frozen encoder's document vectors of one split, computed in chunks of {@value #CHUNK} documents that are each
 * saved as soon as they are done: encoding MultiCoNER's 25k English mentions takes from half an hour to hours on 2
 * shared cores, and a kill must not lose it. A chunk file is named by the SHA-256 of what its vectors depend on
 * (the encoder key: weights checksum and max length; and the chunk's texts in order), so a rerun reuses every
 * finished chunk and encodes only the rest, a run on the first n training examples (n a multiple of
 * {@value #CHUNK}) shares its chunks with the run on all of them, and other weights or texts never match a stale
 * file. The KB is not part of the key: h does not depend on it, so re-running the heads on another KB is cheap.
 */
final class ResumableDocumentVectors {

    /** Documents per saved chunk: one to a few minutes of encoding on the shared machine. */
    static final int CHUNK = 512;

    private ResumableDocumentVectors() {
    }

    /**
     * @param texts the documents' texts (what the chunk names are computed from), parallel to {@code docs}
     * @return [N, D] float32, row i for document i
     */
    static INDArray load(Path chunkDir, String encoderKey, List<String> texts, List<DocumentFeatures> docs,
                         BertModel encoder, int batchSize, String label, PrintStream out) throws IOException {
        if (texts.size() != docs.size()) {
            throw new IllegalArgumentException(texts.size() + " texts for " + docs.size() + " documents");
        }
        Files.createDirectories(chunkDir);
        int n = docs.size();
        int count = (n + CHUNK - 1) / CHUNK;
        List<INDArray> parts = new ArrayList<>(count);
        long started = System.nanoTime();
        int encodedNow = 0;
        int reused = 0;
        for (int c = 0; c < count; c++) {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            Path part = chunkDir.resolve(chunkName(encoderKey, texts.subList(from, to)));
            if (Files.exists(part)) {
                INDArray done = Npy.read(part);
                if (done.rank() == 2 && done.size(0) == to - from) {
                    parts.add(done);
                    reused += to - from;
                    continue;
                }
            }
            INDArray h = DocumentVectors.compute(encoder, docs.subList(from, to), batchSize,
                    new Progress(String.format(Locale.ROOT, "%s, documents %d-%d of %d", label, from + 1, to, n),
                            to - from, "docs", out));
            Npy.write(part, h); // atomic: a kill leaves no half-written chunk
            parts.add(h);
            encodedNow += to - from;
            double rate = encodedNow / ((System.nanoTime() - started) / 1e9);
            out.printf(Locale.ROOT, "%s: %d of %d documents done (%d from cache), %.2f docs/s; ETA for the split %s%n",
                    label, to, n, reused, rate, Progress.duration((n - to) / rate));
        }
        if (encodedNow == 0) {
            out.printf(Locale.ROOT, "%s: all %d document vectors from the cache %s%n", label, n, chunkDir);
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** How many of {@code texts} lie in chunks already saved: what a {@link #load} would not encode again. */
    static long cachedDocuments(Path chunkDir, String encoderKey, List<String> texts) {
        long cached = 0;
        for (int from = 0; from < texts.size(); from += CHUNK) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + CHUNK));
            cached += Files.exists(chunkDir.resolve(chunkName(encoderKey, chunk))) ? chunk.size() : 0;
        }
        return cached;
    }

    static String chunkName(String encoderKey, List<String> texts) {
        String key = encoderKey + "\u0000" + texts.size() + "\u0000" + String.join("\u0000", texts);
        return "h-" + Checksums.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".npy";
    }
}
