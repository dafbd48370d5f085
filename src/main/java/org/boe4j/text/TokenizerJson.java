package org.boe4j.text;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a Hugging Face {@code tokenizer.json} (the format of the Rust {@code tokenizers} library, which DJL
 * loads) for a <b>cased</b> BERT WordPiece vocabulary, reproducing Google's {@code tokenization.py} with
 * {@code do_lower_case=False}, the setting of bert-base-multilingual-cased:
 * <ul>
 *   <li>normalizer {@code BertNormalizer}: remove control characters, U+0000 and U+FFFD ({@code clean_text});
 *       put spaces around CJK ideographs ({@code handle_chinese_chars}); no lower-casing, and no accent
 *       stripping ({@code strip_accents: null} follows {@code lowercase}, so it is off);</li>
 *   <li>pre-tokenizer {@code BertPreTokenizer}: split on whitespace and around punctuation;</li>
 *   <li>model {@code WordPiece}: greedy longest match first, {@code ##} continuation prefix, a word longer than
 *       100 characters becomes {@code [UNK]};</li>
 *   <li>post-processor {@code [CLS] A [SEP]} (type 0), pair {@code [CLS] A [SEP] B [SEP]} (B and its [SEP]
 *       type 1);</li>
 *   <li>truncation and padding {@code null}: {@link BertTokenizer} sets them at run time.</li>
 * </ul>
 */
public final class TokenizerJson {

    public static final String CONTINUING_SUBWORD_PREFIX = "##";
    /** Google's {@code WordpieceTokenizer(max_input_chars_per_word=100)}. */
    public static final int MAX_INPUT_CHARS_PER_WORD = 100;

    private TokenizerJson() {
    }

    /**
     * Reads {@code vocabTxt} (see {@link Vocabulary#read}) and writes {@code tokenizerJson} atomically: either
     * the complete file appears or none does.
     */
    public static void write(Path vocabTxt, Path tokenizerJson) throws IOException {
        JsonObject json = build(Vocabulary.read(vocabTxt));
        Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
        AtomicFiles.write(tokenizerJson, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            gson.toJson(json, writer);
            writer.flush();
        });
    }

    /** The tokenizer.json document for {@code vocab}. */
    static JsonObject build(Vocabulary vocab) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        root.add("added_tokens", addedTokens(vocab));
        root.add("normalizer", normalizer());
        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "BertPreTokenizer");
        root.add("pre_tokenizer", preTokenizer);
        root.add("post_processor", postProcessor(vocab));
        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", CONTINUING_SUBWORD_PREFIX);
        decoder.addProperty("cleanup", true);
        root.add("decoder", decoder);
        root.add("model", model(vocab));
        return root;
    }

    /**
     * The special tokens, marked so that the library never splits them and can skip them when decoding.
     * {@code normalized: false} matches them in the raw text.
     */
    private static JsonArray addedTokens(Vocabulary vocab) {
        JsonArray added = new JsonArray();
        List<String> inIdOrder = Vocabulary.SPECIAL.stream().sorted((a, b) -> vocab.id(a) - vocab.id(b)).toList();
        for (String token : inIdOrder) {
            JsonObject t = new JsonObject();
            t.addProperty("id", vocab.id(token));
            t.addProperty("content", token);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        return added;
    }

    private static JsonObject normalizer() {
        JsonObject n = new JsonObject();
        n.addProperty("type", "BertNormalizer");
        n.addProperty("clean_text", true);
        n.addProperty("handle_chinese_chars", true);
        n.add("strip_accents", JsonNull.INSTANCE);
        n.addProperty("lowercase", false);
        return n;
    }

    private static JsonObject postProcessor(Vocabulary vocab) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(piece("SpecialToken", Vocabulary.CLS, 0));
        single.add(piece("Sequence", "A", 0));
        single.add(piece("SpecialToken", Vocabulary.SEP, 0));
        p.add("single", single);
        JsonArray pair = single.deepCopy();
        pair.add(piece("Sequence", "B", 1));
        pair.add(piece("SpecialToken", Vocabulary.SEP, 1));
        p.add("pair", pair);
        JsonObject specials = new JsonObject();
        for (String token : List.of(Vocabulary.CLS, Vocabulary.SEP)) {
            JsonObject s = new JsonObject();
            s.addProperty("id", token);
            JsonArray ids = new JsonArray();
            ids.add(vocab.id(token));
            s.add("ids", ids);
            JsonArray tokens = new JsonArray();
            tokens.add(token);
            s.add("tokens", tokens);
            specials.add(token, s);
        }
        p.add("special_tokens", specials);
        return p;
    }

    /** One element of a template: {@code {"SpecialToken": {"id": "[CLS]", "type_id": 0}}}. */
    private static JsonObject piece(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject outer = new JsonObject();
        outer.add(kind, inner);
        return outer;
    }

    private static JsonObject model(Vocabulary vocab) {
        JsonObject m = new JsonObject();
        m.addProperty("type", "WordPiece");
        m.addProperty("unk_token", Vocabulary.UNK);
        m.addProperty("continuing_subword_prefix", CONTINUING_SUBWORD_PREFIX);
        m.addProperty("max_input_chars_per_word", MAX_INPUT_CHARS_PER_WORD);
        JsonObject ids = new JsonObject(); // Gson keeps insertion order, so the file lists tokens by id
        List<String> tokens = vocab.tokens();
        for (int id = 0; id < tokens.size(); id++) {
            ids.addProperty(tokens.get(id), id);
        }
        m.add("vocab", ids);
        return m;
    }
}
