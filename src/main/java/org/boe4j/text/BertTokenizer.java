package org.boe4j.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * BERT's tokenizer: the Hugging Face Rust tokenizer (through DJL) loaded from a weights directory's
 * {@code tokenizer.json} (see {@link TokenizerJson}), with the settings BERT's input needs fixed here:
 * <ul>
 *   <li>{@code [CLS] text [SEP]}, type ids 0;</li>
 *   <li>truncation always on: a text longer than {@code maxLength} keeps its first {@code maxLength - 2} word
 *       pieces, then {@code [SEP]} (longer inputs would index past the position embeddings), and the encoding
 *       says {@link Encoding#truncated()};</li>
 *   <li>no padding per text; {@link #encodeBatch} pads the batch to its longest row or to {@code maxLength};</li>
 *   <li>character offsets converted from code points (what the Rust library reports) to Java UTF-16 indices.</li>
 * </ul>
 * Thread-safe: encoding only reads the native tokenizer, so several threads may encode at once; a read-write
 * lock keeps {@link #close()} from freeing it while an encode runs. Close it to free the native memory.
 */
public final class BertTokenizer implements AutoCloseable {

    /** BERT-base's {@code max_position_embeddings}, used when the weights directory has no config.json. */
    public static final int DEFAULT_MAX_LENGTH = 512;
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String CONFIG_FILE = "config.json";

    /** How {@link #encodeBatch(List, Padding)} pads. */
    public enum Padding {
        /** To the longest row of the batch. */
        LONGEST,
        /** To {@link #maxLength()}, whatever the rows' lengths (a fixed-shape input). */
        MAX_LENGTH
    }

    private final HuggingFaceTokenizer rust;
    private final int maxLength;
    private final int padId;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private BertTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, int padId) {
        this.rust = tokenizer;
        this.maxLength = maxLength;
        this.padId = padId;
    }

    /**
     * Loads {@code weightsDir/tokenizer.json}; {@code maxLength} is the model's {@code max_position_embeddings}
     * from {@code weightsDir/config.json}, or {@value #DEFAULT_MAX_LENGTH} without one.
     */
    public static BertTokenizer load(Path weightsDir) throws IOException {
        return load(weightsDir, maxPositions(weightsDir));
    }

    /**
     * Loads {@code weightsDir/tokenizer.json}, truncating to {@code maxLength} tokens ({@code [CLS]} and
     * {@code [SEP]} included).
     *
     * @throws IllegalArgumentException when maxLength is below 3 or above the model's position count
     */
    public static BertTokenizer load(Path weightsDir, int maxLength) throws IOException {
        int positions = maxPositions(weightsDir);
        if (maxLength < 3 || maxLength > positions) {
            throw new IllegalArgumentException("maxLength must be in [3, " + positions + "] (room for [CLS], one"
                    + " word piece and [SEP]; at most the model's max_position_embeddings), found " + maxLength);
        }
        Path file = weightsDir.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no tokenizer.json (write one from vocab.txt with TokenizerJson.write, as `boe4j weights"
                            + " convert` does)");
        }
        int padId = padId(file);
        String max = Integer.toString(maxLength);
        // DJL clamps maxLength to modelMaxLength (default 512), so both are set; padding is done in Java.
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "maxLength", max,
                    "modelMaxLength", max,
                    "padding", "false"));
        } catch (RuntimeException e) {
            // the Rust parser's message (e.g. "EOF while parsing an object at line 1 column 9000") names no file
            throw new IOException(file + ": not a valid tokenizer.json (" + e.getMessage() + ")", e);
        }
        return new BertTokenizer(tokenizer, maxLength, padId);
    }

    public int maxLength() {
        return maxLength;
    }

    /** The id of {@code [PAD]}. */
    public int padId() {
        return padId;
    }

    /**
     * Encodes one text.
     *
     * @throws IllegalArgumentException when the text is empty or yields no word piece (blank, or only
     *                                  characters the normalizer removes)
     */
    public Encoding encode(String text) {
        Objects.requireNonNull(text, "text");
        rejectBlank(text, -1);
        ai.djl.huggingface.tokenizers.Encoding raw;
        lock.readLock().lock();
        try {
            checkOpen();
            raw = rust.encode(text);
        } finally {
            lock.readLock().unlock();
        }
        return convert(text, raw, -1);
    }

    /** Encodes texts and pads them to the longest row. */
    public EncodedBatch encodeBatch(List<String> texts) {
        return encodeBatch(texts, Padding.LONGEST);
    }

    /**
     * Encodes texts (in parallel inside the native library) and pads them.
     *
     * @throws IllegalArgumentException when the list is empty or a text is empty or blank (naming its index)
     */
    public EncodedBatch encodeBatch(List<String> texts, Padding padding) {
        Objects.requireNonNull(padding, "padding");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("empty batch: expected at least one text");
        }
        String[] array = new String[texts.size()];
        for (int b = 0; b < array.length; b++) {
            array[b] = texts.get(b);
            if (array[b] == null) {
                throw new NullPointerException("text " + b + " is null");
            }
            rejectBlank(array[b], b);
        }
        ai.djl.huggingface.tokenizers.Encoding[] raw;
        lock.readLock().lock();
        try {
            checkOpen();
            raw = rust.batchEncode(array);
        } finally {
            lock.readLock().unlock();
        }
        List<Encoding> rows = new ArrayList<>(raw.length);
        int longest = 0;
        for (int b = 0; b < raw.length; b++) {
            Encoding e = convert(array[b], raw[b], b);
            rows.add(e);
            longest = Math.max(longest, e.length());
        }
        return new EncodedBatch(rows, padding == Padding.LONGEST ? longest : maxLength, padId);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                rust.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tokenizer is closed");
        }
    }

    private static void rejectBlank(String text, int index) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(where(index) + "text is empty or blank: '" + text + "'");
        }
    }

    private static String where(int index) {
        return index < 0 ? "" : "text " + index + ": ";
    }

    /** DJL's encoding (long ids, code-point spans, null spans for special tokens) as ours. */
    private static Encoding convert(String text, ai.djl.huggingface.tokenizers.Encoding raw, int index) {
        long[] ids = raw.getIds();
        long[] types = raw.getTypeIds();
        long[] specialMask = raw.getSpecialTokenMask();
        String[] tokens = raw.getTokens();
        CharSpan[] spans = raw.getCharTokenSpans();
        int n = ids.length;
        CodePointIndex index16 = new CodePointIndex(text);
        int[] outIds = new int[n];
        int[] outTypes = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        boolean[] special = new boolean[n];
        int pieces = 0;
        for (int i = 0; i < n; i++) {
            outIds[i] = Math.toIntExact(ids[i]);
            outTypes[i] = Math.toIntExact(types[i]);
            special[i] = specialMask[i] != 0;
            CharSpan span = spans[i];
            if (span != null && !special[i]) {
                starts[i] = index16.toUtf16(span.getStart());
                ends[i] = index16.toUtf16(span.getEnd());
                pieces++;
            }
        }
        if (pieces == 0) {
            // e.g. only NBSP, zero-width or control characters: Java's isBlank misses them, the normalizer drops them
            throw new IllegalArgumentException(where(index) + "text has no word piece (only whitespace or"
                    + " characters the tokenizer removes): '" + text + "'");
        }
        return new Encoding(text, outIds, outTypes, tokens, starts, ends, special, raw.exceedMaxLength());
    }

    /** {@code max_position_embeddings} from the directory's config.json, or the default. */
    private static int maxPositions(Path weightsDir) throws IOException {
        Path config = weightsDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            return DEFAULT_MAX_LENGTH;
        }
        try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            var json = JsonParser.parseReader(in).getAsJsonObject();
            return json.has("max_position_embeddings") ? json.get("max_position_embeddings").getAsInt()
                    : DEFAULT_MAX_LENGTH;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(config + ": not a valid config.json (" + e.getMessage() + ")", e);
        }
    }

    /** The id of [PAD] from tokenizer.json's added_tokens, read by streaming past the large vocabulary. */
    private static int padId(Path tokenizerJson) throws IOException {
        try (JsonReader in = new JsonReader(Files.newBufferedReader(tokenizerJson, StandardCharsets.UTF_8))) {
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("added_tokens")) {
                    in.skipValue();
                    continue;
                }
                in.beginArray();
                while (in.hasNext()) {
                    var token = JsonParser.parseReader(in).getAsJsonObject();
                    if (Vocabulary.PAD.equals(token.get("content").getAsString())) {
                        return token.get("id").getAsInt();
                    }
                }
                in.endArray();
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | EOFException
                 | MalformedJsonException e) {
            // an empty or cut file ends the stream early (EOFException), which names no file either
            throw new IOException(tokenizerJson + ": not a valid tokenizer.json (" + (e instanceof EOFException
                    ? "the file is empty or cut short: " : "") + e.getMessage() + ")", e);
        }
        throw new IOException(tokenizerJson + ": added_tokens has no " + Vocabulary.PAD);
    }
}
