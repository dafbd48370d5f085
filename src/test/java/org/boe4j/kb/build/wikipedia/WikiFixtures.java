package org.boe4j.kb.build.wikipedia;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the real dump samples in src/test/resources/wiki (see the README there). */
final class WikiFixtures {

    static final String ENWIKI_W2V = "/wiki/enwiki/wikipedia2vec-sample.xml.bz2";
    static final String ENWIKI_GENSIM = "/wiki/enwiki/gensim-enwiki-shortened.xml.bz2";
    static final String JAWIKI_TRUNCATED = "/wiki/jawiki/jawiki-truncated-100k.xml.xz";

    private WikiFixtures() {
    }

    static Path path(String resource) {
        URL url = WikiFixtures.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
