package org.boe4j.wiki;

import java.io.Serializable;

/**
 * The dump's {@code <siteinfo>}: database name (e.g. "jawiki"), title case rule and declared namespaces.
 */
public record SiteInfo(String dbName, boolean firstLetterCase, Namespaces namespaces)
        implements Serializable {
}
