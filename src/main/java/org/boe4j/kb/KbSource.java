package org.boe4j.kb;

/**
 * Provenance of one input of a KB build.
 *
 * @param kind        what it is ("wikipedia-dump", "wikidata-dump", "icu4j", "kb-merge", ...)
 * @param name        file name, artifact coordinates or version string
 * @param sha256      hex SHA-256 of the input file, or empty when the input is not a file (ICU's data)
 * @param bytes       size of the input in bytes, or -1 when not a file
 * @param description free text (languages, dump date, options)
 */
public record KbSource(String kind, String name, String sha256, long bytes, String description) {
}
