package org.boe4j.eval;

import org.boe4j.io.Progress;
import org.boe4j.kb.EntityIndex;
import org.boe4j.kb.EntityNames;
import org.boe4j.kb.EntityVectors;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.kb.NameEncoder;
import org.boe4j.model.EncoderNameEncoder;
import org.boe4j.model.EntityInit;
import org.boe4j.model.EntityNorm;
import org.boe4j.model.EntityTableOrigin;
import org.boe4j.model.PretrainedEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entity table that {@code boe} and {@code boe-att} start from ({@link EntityInit}): computed for the rows of the
 * experiment's entity index only (the entities its data can produce), encodings cached, then rescaled
 * ({@link org.boe4j.model.EntityNorm}); with the origin of every row for the trained model's card.
 */
final class InitialEntityTable {

    /** Names encoded per forward pass: names are a few word pieces, so a batch is cheap. */
    private static final int NAME_BATCH = 32;
    /** Seed of the random rows for entities a Wikipedia2Vec file does not have (the same in every run). */
    static final long MISSING_VECTOR_SEED = 1;

    /** The initial table [E, D] and where each row came from. */
    record Table(INDArray table, EntityTableOrigin origin) {
    }

    private InitialEntityTable() {
    }

    /**
     * @param languages  the KB languages whose names {@link EntityInit.Source#NAMES} averages
     * @param encoderKey what the encoder's outputs depend on (weights checksum, max length), for the cache key
     * @param meanHNorm  mean |h| of the training documents (for a norm given as a fraction of |h|; NaN if unknown)
     * @return null for {@link EntityInit.Source#RANDOM}: the table is then drawn per seed, as for -emb
     */
    static Table build(EntityInit init, EntityIndex index, KnowledgeBase kb, List<String> languages,
                       PretrainedEncoder encoder, String encoderKey, double meanHNorm, ArrayCache cache,
                       PrintStream out) throws IOException {
        int d = encoder.config().hiddenSize();
        int rows = index.size();
        String titlesKey = ArrayCache.sha256(String.join("\n", index.titles()));
        float[] data;
        List<String> origins = new ArrayList<>(rows);
        origins.add("padding");
        switch (init.source()) {
            case RANDOM -> {
                return null;
            }
            case WIKIPEDIA2VEC -> {
                EntityVectors v = EntityVectors.fromWikipedia2Vec(init.file(), index, d, MISSING_VECTOR_SEED);
                out.printf(Locale.ROOT, "entity vectors: %d of %d entities from %s, the others random%n",
                        v.fromFile(), rows - 1, init.file());
                data = v.data().clone();
                for (int r = 1; r < rows; r++) {
                    origins.add(v.rowFromFile()[r] ? "wikipedia2vec" : "random (not in the file)");
                }
            }
            case NAME, TEMPLATE -> {
                boolean template = init.source() == EntityInit.Source.TEMPLATE;
                List<String> texts = new ArrayList<>(rows - 1);
                for (int r = 1; r < rows; r++) {
                    texts.add(template ? init.fill(index.title(r)) : index.title(r));
                }
                EncoderNameEncoder.Pooling pooling = template ? EncoderNameEncoder.Pooling.CLS
                        : EncoderNameEncoder.Pooling.MEAN_OF_PIECES;
                String key = encoderKey + " entity-init=" + init.source().cliName() + " pooling=" + pooling
                        + (template ? " template=" + init.template() : "") + " entities=" + titlesKey;
                float[] encoded = cache.get("entity-" + init.source().cliName(), key,
                        () -> Nd4j.create(encode(new EncoderNameEncoder(encoder, pooling), texts, d, out),
                                new long[]{texts.size(), d}, 'c')).dup('c').data().asFloat();
                data = new float[rows * d];
                System.arraycopy(encoded, 0, data, d, encoded.length);
                for (int r = 1; r < rows; r++) {
                    origins.add(template ? "template: " + texts.get(r - 1) : "name");
                }
            }
            case NAMES -> {
                List<List<String>> names = EntityNames.of(kb, index, languages);
                Map<String, Integer> unique = new LinkedHashMap<>();
                for (List<String> n : names) {
                    n.forEach(s -> unique.putIfAbsent(s, unique.size()));
                }
                List<String> texts = new ArrayList<>(unique.keySet());
                String key = encoderKey + " entity-init=names pooling=MEAN_OF_PIECES names="
                        + ArrayCache.sha256(String.join("\n", texts)) + " entities=" + titlesKey;
                float[] encoded = cache.get("entity-names", key, () -> Nd4j.create(
                        encode(new EncoderNameEncoder(encoder), texts, d, out), new long[]{texts.size(), d}, 'c'))
                        .dup('c').data().asFloat();
                data = new float[rows * d];
                for (int r = 1; r < rows; r++) {
                    List<String> n = names.get(r);
                    for (String s : n) {
                        int at = unique.get(s) * d;
                        for (int c = 0; c < d; c++) {
                            data[r * d + c] += encoded[at + c] / n.size();
                        }
                    }
                    origins.add("names: " + String.join(" | ", n));
                }
                out.printf(Locale.ROOT, "entity vectors: mean encoding of %.2f names per entity on average (%d"
                        + " distinct names, languages %s)%n", (double) (names.stream().mapToInt(List::size).sum())
                        / Math.max(1, rows - 1), texts.size(), languages);
            }
            default -> throw new IllegalStateException(init.source().toString());
        }
        if (init.norm().kind() == EntityNorm.Kind.FRACTION_OF_H && !Double.isFinite(meanHNorm)) {
            throw new IllegalArgumentException("an entity-vector norm given as a fraction of |h| ("
                    + init.norm().cliForm() + ") needs the document vectors of the frozen encoder (--frozen-encoder)");
        }
        init.norm().apply(data, d, meanHNorm);
        return new Table(Nd4j.create(data, new long[]{rows, d}, 'c'), new EntityTableOrigin(init.describe(), origins));
    }

    /** Encodes texts in batches, with progress and ETA; row-major [texts, d]. */
    static float[] encode(NameEncoder encoder, List<String> texts, int d, PrintStream out) {
        float[] data = new float[texts.size() * d];
        try (Progress progress = new Progress("encoding entity names", texts.size(), "names", out)) {
            for (int start = 0; start < texts.size(); start += NAME_BATCH) {
                List<String> batch = texts.subList(start, Math.min(texts.size(), start + NAME_BATCH));
                float[][] v = encoder.encode(batch);
                for (int i = 0; i < v.length; i++) {
                    if (v[i].length != d) {
                        throw new IllegalArgumentException("name encoder returned a vector of dimension " + v[i].length
                                + " for '" + batch.get(i) + "'; the model needs " + d);
                    }
                    System.arraycopy(v[i], 0, data, (start + i) * d, d);
                }
                progress.update(start + batch.size());
            }
        }
        return data;
    }
}
