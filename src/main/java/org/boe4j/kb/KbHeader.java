package org.boe4j.kb;

import java.util.List;
import java.util.Map;

/**
 * What the KB file says about itself, stored as JSON after the magic and version (docs/kb.md).
 *
 * @param formatVersion {@link KbFile#FORMAT_VERSION} at write time
 * @param createdAt     ISO-8601 instant of the build
 * @param languages     languages with a dictionary, in file order
 * @param options       thresholds and matching options (query-time matching must use the same)
 * @param sources       inputs with checksums
 * @param counts        per language: "surfaces", "pairs", "entities", "interlanguage" counts (for `kb info`)
 * @param notes         free-form provenance (builder, code version, choices such as the ICU lp/commonness rule)
 */
public record KbHeader(int formatVersion, String createdAt, List<String> languages, KbOptions options,
                       List<KbSource> sources, Map<String, Map<String, Long>> counts, Map<String, String> notes) {
}
