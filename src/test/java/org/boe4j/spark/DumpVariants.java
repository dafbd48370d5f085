package org.boe4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.boe4j.io.CompressedInput;

/**
 * Test-time variants of the real samples in src/test/resources/wiki (README there): recompressed as bzip2 with
 * 100 kB blocks (so that Hadoop can cut even a small file into several splits), or cut after the last complete
 * page and closed with {@code </mediawiki>} (a complete dump from the truncated jawiki head).
 */
final class DumpVariants {

    static final String ENWIKI_GENSIM = "/wiki/enwiki/gensim-enwiki-shortened.xml.bz2";
    static final String JAWIKI_TRUNCATED = "/wiki/jawiki/jawiki-truncated-100k.xml.xz";

    private DumpVariants() {
    }

    static Path resource(String name) {
        try {
            return Path.of(DumpVariants.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    static byte[] decompressed(Path file) throws IOException {
        try (CompressedInput in = CompressedInput.open(file, false); InputStream s = in.stream()) {
            return s.readAllBytes();
        }
    }

    /** {@code content} as bzip2 with 100 kB blocks. */
    static Path bzip2(byte[] content, Path out) throws IOException {
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(out), 1)) {
            o.write(content);
        }
        return out;
    }

    /** The XML up to its last {@code </page>} line, closed with {@code </mediawiki>}. */
    static byte[] closedAfterLastPage(byte[] xml) {
        String s = new String(xml, StandardCharsets.UTF_8);
        int end = s.lastIndexOf("</page>\n") + "</page>\n".length();
        return (s.substring(0, end) + "</mediawiki>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A Wikidata dump (the layout of latest-all.json) of the entities of real API answers. */
    static byte[] wikidataDump(List<String> answers, String extraLines) throws IOException {
        StringBuilder lines = new StringBuilder("[\n");
        for (String name : answers) {
            String answer = Files.readString(resource("/wiki/wikidata/" + name), StandardCharsets.UTF_8);
            JsonObject entities = JsonParser.parseString(answer).getAsJsonObject()
                    .getAsJsonObject("entities");
            for (String key : entities.keySet()) {
                lines.append(entities.get(key).toString()).append(",\n");
            }
        }
        lines.append(extraLines).append("]\n");
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}
