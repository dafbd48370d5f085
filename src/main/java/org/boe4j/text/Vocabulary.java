package org.boe4j.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT WordPiece vocabulary as Google's {@code vocab.txt} stores it: one token per line, a token's id is its
 * 0-based line number. Reading checks what would otherwise surface later as a wrong id: every line must hold a
 * token, no token may repeat, and the five special tokens BERT's input format needs must be present.
 */
public final class Vocabulary {

    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    /** The special tokens, in the order their ids appear in the M-BERT vocabulary (0, 100, 101, 102, 103). */
    public static final List<String> SPECIAL = List.of(PAD, UNK, CLS, SEP, MASK);

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens, Map<String, Integer> ids) {
        this.tokens = Collections.unmodifiableList(tokens);
        this.ids = Collections.unmodifiableMap(ids);
    }

    /**
     * Reads {@code vocab.txt} (UTF-8, LF or CRLF line ends; a final line end is optional).
     *
     * @throws IOException naming the file (and line) when the file is missing, not UTF-8, empty, has an empty
     *                     line or a token with surrounding whitespace, repeats a token, or lacks a special token
     */
    public static Vocabulary read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "vocabulary file not found");
        }
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = in.readLine()) != null) { // readLine drops LF and CRLF
                int lineNo = tokens.size() + 1;
                if (line.isEmpty()) {
                    throw new IOException(file + ":" + lineNo + ": empty line (expected one token per line)");
                }
                if (!line.strip().equals(line)) {
                    throw new IOException(file + ":" + lineNo + ": token '" + line
                            + "' has leading or trailing whitespace (it could never match a word)");
                }
                Integer previous = ids.putIfAbsent(line, tokens.size());
                if (previous != null) {
                    throw new IOException(file + ":" + lineNo + ": duplicate token '" + line + "' (first at line "
                            + (previous + 1) + ")");
                }
                tokens.add(line);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ":" + (tokens.size() + 1) + ": not valid UTF-8", e);
        }
        if (tokens.isEmpty()) {
            throw new IOException(file + ": empty vocabulary (expected one token per line)");
        }
        List<String> missing = SPECIAL.stream().filter(t -> !ids.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(file + ": missing special token(s) " + missing + " (a BERT vocabulary needs "
                    + SPECIAL + ")");
        }
        return new Vocabulary(tokens, ids);
    }

    public int size() {
        return tokens.size();
    }

    /** Tokens in id order. */
    public List<String> tokens() {
        return tokens;
    }

    /** The id of {@code token}, or -1 when the vocabulary lacks it. */
    public int id(String token) {
        return ids.getOrDefault(token, -1);
    }
}
