package org.boe4j.kb;

/** Which titles a dictionary's candidates are written in. */
public enum EntitySpace {
    /** Page titles of the dictionary's own Wikipedia; mapped to English through the {@link InterlanguageMap}. */
    LOCAL,
    /** Already English Wikipedia titles (the English dictionary, and the ICU default KB in every language). */
    ENGLISH
}
