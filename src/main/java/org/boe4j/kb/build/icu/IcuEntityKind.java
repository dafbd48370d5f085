package org.boe4j.kb.build.icu;

import java.util.Locale;

/** The kinds of named things ICU has names for in every locale. */
public enum IcuEntityKind {
    /** ISO 3166 regions (plus EU and UN), e.g. FR. */
    REGION,
    /** Languages ICU has locale data for, e.g. de. */
    LANGUAGE,
    /** Currencies legal tender today in some region, e.g. JPY. */
    CURRENCY,
    /** Exemplar cities of canonical time zones, e.g. Asia/Tokyo -> Tokyo. */
    CITY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
