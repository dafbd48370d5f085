package org.boe4j.kb.build.wikipedia;

import java.util.function.Function;

/**
 * Follows redirect chains with the bound and cycle rule of docs/kb.md: at most maxHops redirects are followed;
 * a chain that comes back to its start, or is still at a redirect after maxHops, is unresolved.
 */
public final class RedirectChains {

    private RedirectChains() {
    }

    /**
     * @param next the redirect target of a title, or null when the title is not a redirect
     * @return the final page (the start itself when it is no redirect), or null when the chain is unresolved
     */
    public static <T> T resolve(T start, Function<T, T> next, int maxHops) {
        T current = start;
        for (int hop = 0; hop < maxHops; hop++) {
            T target = next.apply(current);
            if (target == null) {
                return current;
            }
            current = target;
            if (current.equals(start)) {
                return null; // a cycle
            }
        }
        return next.apply(current) == null ? current : null;
    }
}
