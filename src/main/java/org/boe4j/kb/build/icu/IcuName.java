package org.boe4j.kb.build.icu;

/**
 * One name ICU gives for a code in one language.
 *
 * @param language KB language (ISO 639 code of the locale)
 * @param kind     what the code is
 * @param code     the ICU code (region "FR", language "de", currency "JPY", time zone "Asia/Tokyo")
 * @param name     the name as ICU writes it in that language
 */
public record IcuName(String language, IcuEntityKind kind, String code, String name) {
}
