package org.boe4j.kb;
import org.boe4j.wiki.WikiTitles;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The entity vector matrix [numEntities, d], row i = entity id i of an {@link EntityIndex} (row 0, padding,
 * is all zeros). Three ways to fill it (docs/method.md §4): Wikipedia2Vec vectors, seeded random
 * initialisation (the paper's -emb ablation), or a {@link NameEncoder}'s encoding of each English title.
 *
 * @param index     the entity ids
 * @param dimension d
 * @param data      row-major, {@code index.size() * dimension} floats
 * @param fromFile  rows taken from a vector file (0 for the other initialisations)
 * @param rowFromFile per row, true when it came from the vector file (null for the other initialisations)
 */
public record EntityVectors(EntityIndex index, int dimension, float[] data, int fromFile, boolean[] rowFromFile) {

    public EntityVectors(EntityIndex index, int dimension, float[] data, int fromFile) {
        this(index, dimension, data, fromFile, null);
    }

    /**
     * Standard deviation of the random initialisation: 0.02, BERT's {@code initializer_range}, so entity
     * vectors start at the scale of the word embeddings they are added to.
     */
    public static final double DEFAULT_STD = 0.02;

    public EntityVectors {
        if (data.length != (long) index.size() * dimension) {
            throw new IllegalArgumentException("entity vectors: " + data.length + " floats for " + index.size()
                    + " x " + dimension);
        }
    }

    public float[] row(int id) {
        return Arrays.copyOfRange(data, id * dimension, (id + 1) * dimension);
    }

    /** Normal(0, std) rows from a seeded generator; same seed, same index, same dimension -> same matrix. */
    public static EntityVectors random(EntityIndex index, int dimension, long seed, double std) {
        float[] data = new float[index.size() * dimension];
        fillRandom(data, 1, index.size(), dimension, seed, std);
        return new EntityVectors(index, dimension, data, 0);
    }

    private static void fillRandom(float[] data, int fromRow, int toRow, int dimension, long seed, double std) {
        for (int r = fromRow; r < toRow; r++) {
            // one generator per row, derived from (seed, row): a row's values do not depend on which other rows
            // are random, so loading a file and randomising only the missing rows stays reproducible
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r);
            for (int c = 0; c < dimension; c++) {
                data[r * dimension + c] = (float) (gaussian(rnd) * std);
            }
        }
    }

    /** Box-Muller on SplittableRandom (which has no nextGaussian of its own in Java 17). */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Vectors from each entity's English title encoded by {@code encoder} (in batches), e.g. BERT's
     * mean-pooled hidden states. The title is passed as written ("Georgia (country)").
     */
    public static EntityVectors fromNames(EntityIndex index, NameEncoder encoder, int dimension, int batchSize) {
        float[] data = new float[index.size() * dimension];
        for (int start = 1; start < index.size(); start += batchSize) {
            int end = Math.min(index.size(), start + batchSize);
            List<String> names = new ArrayList<>(index.titles().subList(start, end));
            float[][] v = encoder.encode(names);
            if (v.length != names.size()) {
                throw new IllegalStateException("name encoder returned " + v.length + " vectors for " + names.size()
                        + " names");
            }
            for (int i = 0; i < v.length; i++) {
                if (v[i].length != dimension) {
                    throw new IllegalArgumentException("name encoder returned a vector of dimension " + v[i].length
                            + " for '" + names.get(i) + "'; the model needs " + dimension);
                }
                System.arraycopy(v[i], 0, data, (start + i) * dimension, dimension);
            }
        }
        return new EntityVectors(index, dimension, data, 0);
    }

    /**
     * Reads a Wikipedia2Vec text file ({@code .gz} and {@code .bz2} too): optional word2vec header "N D", then
     * lines "key v1 ... vd" where key is a word or "ENTITY/Title" (spaces or underscores in titles; key and
     * values separated by a TAB or a space). Entities of the index found in the file get its vectors; the
     * others get seeded random rows ({@link #random}) and are counted as not from the file.
     *
     * @throws IOException naming file and line when the file's dimension is not {@code dimension}
     */
    public static EntityVectors fromWikipedia2Vec(Path file, EntityIndex index, int dimension, long seed)
            throws IOException {
        float[] data = new float[index.size() * dimension];
        boolean[] found = new boolean[index.size()];
        int fromFile = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                if (no == 1 && isHeader(line)) {
                    int d = Integer.parseInt(line.strip().split("\\s+")[1]);
                    if (d != dimension) {
                        throw new IOException(file + ":1: header says dimension " + d + ", the model needs "
                                + dimension);
                    }
                    continue;
                }
                String key;
                String[] values;
                int tab = line.indexOf('\t');
                if (tab >= 0) {
                    key = line.substring(0, tab);
                    values = line.substring(tab + 1).strip().split(" +");
                } else {
                    String[] tokens = line.strip().split(" +");
                    if (!line.startsWith("ENTITY/")) {
                        // a word line: the key has no spaces, so the value count is exact
                        if (tokens.length - 1 != dimension) {
                            throw dimensionError(file, no, dimension, tokens.length - 1);
                        }
                        continue;
                    }
                    if (tokens.length < dimension + 1) {
                        throw dimensionError(file, no, dimension, tokens.length - 1);
                    }
                    // a title may end in numbers ("Apollo 11"), but not in many: more trailing numbers than
                    // the dimension plus a few means the file has a larger dimension
                    int numeric = trailingNumbers(tokens);
                    if (numeric > dimension + 3) {
                        throw dimensionError(file, no, dimension, numeric);
                    }
                    key = String.join(" ", Arrays.asList(tokens).subList(0, tokens.length - dimension));
                    values = Arrays.copyOfRange(tokens, tokens.length - dimension, tokens.length);
                }
                if (values.length != dimension) {
                    throw dimensionError(file, no, dimension, values.length);
                }
                if (!key.startsWith("ENTITY/")) {
                    continue;
                }
                int id = index.id(WikiTitles.normalize(key.substring("ENTITY/".length())));
                if (id <= 0 || found[id]) {
                    continue;
                }
                int base = id * dimension;
                for (int c = 0; c < dimension; c++) {
                    try {
                        data[base + c] = Float.parseFloat(values[c]);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + no + ": value " + (c + 1) + " '" + values[c]
                                + "' is not a number (for a space-separated line, is the dimension " + dimension
                                + " right?)");
                    }
                }
                found[id] = true;
                fromFile++;
            }
        }
        for (int id = 1; id < index.size(); id++) {
            if (!found[id]) {
                fillRandom(data, id, id + 1, dimension, seed, DEFAULT_STD);
            }
        }
        return new EntityVectors(index, dimension, data, fromFile, found);
    }

    private static int trailingNumbers(String[] tokens) {
        int k = 0;
        for (int i = tokens.length - 1; i >= 1; i--) {
            try {
                Float.parseFloat(tokens[i]);
                k++;
            } catch (NumberFormatException e) {
                break;
            }
        }
        return k;
    }

    private static boolean isHeader(String line) {
        String[] t = line.strip().split("\\s+");
        return t.length == 2 && t[0].matches("\\d+") && t[1].matches("\\d+");
    }

    private static IOException dimensionError(Path file, long line, int expected, int found) {
        return new IOException(file + ":" + line + ": expected " + expected + " vector values (the model's dimension), "
                + "found " + found);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (name.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(in, true);
        }
        return in;
    }
}
