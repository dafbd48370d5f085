package org.boe4j.kb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The entity dictionary of one language: normalised surface form m -> link probability lp(m) and candidates
 * (entity, p(e|m)). Stored column-wise (sorted surfaces, flat candidate arrays) so that millions of entries
 * cost a few arrays rather than millions of small objects. Immutable.
 */
public final class LanguageDictionary {

    private final String language;
    private final EntitySpace entitySpace;
    private final String[] entities;
    private final String[] surfaces;
    private final float[] linkProbability;
    private final int[] candidateStart;
    private final int[] candidateEntity;
    private final float[] commonness;

    /**
     * @param entities        entity title table; candidates refer to it by index
     * @param surfaces        normalised surfaces, strictly increasing ({@link String#compareTo})
     * @param candidateStart  candidates of surface i are {@code [candidateStart[i], candidateStart[i + 1])}
     */
    public LanguageDictionary(String language, EntitySpace entitySpace, String[] entities, String[] surfaces,
                              float[] linkProbability, int[] candidateStart, int[] candidateEntity,
                              float[] commonness) {
        this.language = Objects.requireNonNull(language);
        this.entitySpace = Objects.requireNonNull(entitySpace);
        this.entities = entities;
        this.surfaces = surfaces;
        this.linkProbability = linkProbability;
        this.candidateStart = candidateStart;
        this.candidateEntity = candidateEntity;
        this.commonness = commonness;
        if (linkProbability.length != surfaces.length || candidateStart.length != surfaces.length + 1
                || candidateEntity.length != commonness.length
                || candidateStart[surfaces.length] != candidateEntity.length) {
            throw new IllegalArgumentException("dictionary '" + language + "': inconsistent array lengths");
        }
        for (int i = 1; i < surfaces.length; i++) {
            if (surfaces[i - 1].compareTo(surfaces[i]) >= 0) {
                throw new IllegalArgumentException("dictionary '" + language + "': surfaces not strictly sorted at "
                        + i + ": '" + surfaces[i - 1] + "' then '" + surfaces[i] + "'");
            }
        }
        for (int e : candidateEntity) {
            if (e < 0 || e >= entities.length) {
                throw new IllegalArgumentException("dictionary '" + language + "': entity index " + e
                        + " outside the table of " + entities.length);
            }
        }
    }

    public String language() {
        return language;
    }

    public EntitySpace entitySpace() {
        return entitySpace;
    }

    public int size() {
        return surfaces.length;
    }

    public String surface(int i) {
        return surfaces[i];
    }

    public float linkProbability(int i) {
        return linkProbability[i];
    }

    public int candidateCount(int i) {
        return candidateStart[i + 1] - candidateStart[i];
    }

    public List<Candidate> candidates(int i) {
        List<Candidate> out = new ArrayList<>(candidateCount(i));
        for (int c = candidateStart[i]; c < candidateStart[i + 1]; c++) {
            out.add(new Candidate(entities[candidateEntity[c]], commonness[c]));
        }
        return out;
    }

    /** Index of a normalised surface, or -1. */
    public int find(String normalizedSurface) {
        int i = Arrays.binarySearch(surfaces, normalizedSurface);
        return i >= 0 ? i : -1;
    }

    /** Number of (surface, entity) pairs. */
    public int pairCount() {
        return candidateEntity.length;
    }

    public String[] entityTable() {
        return entities.clone();
    }

    // raw views for the file writer and the merger (package-private: callers must not mutate them)
    String[] entitiesRaw() {
        return entities;
    }

    String[] surfacesRaw() {
        return surfaces;
    }

    float[] linkProbabilityRaw() {
        return linkProbability;
    }

    int[] candidateStartRaw() {
        return candidateStart;
    }

    int[] candidateEntityRaw() {
        return candidateEntity;
    }

    float[] commonnessRaw() {
        return commonness;
    }
}
