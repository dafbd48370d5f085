package org.boe4j.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MultiCoNER II type hierarchy (Fetahu et al., 2023, Table 1): 33 fine types in 6 coarse groups. As entity
 * typing labels an example carries its fine type and its group, so the label space has 39 labels and a small
 * two-level hierarchy, like SHINRA's ENE types (a fine ENE id and its ancestors).
 *
 * <p>The groups are named by MultiCoNER's own coarse codes (PER, LOC, CW, GRP, PROD, MED); no fine type has one of
 * those names, so the 39 labels are distinct.
 */
public final class MultiCoNerTypes {

    /** Coarse group -> its fine types, in the order of the MultiCoNER II paper. */
    public static final Map<String, List<String>> GROUPS = groups();

    /** The 39 labels in classifier order: each group followed by its fine types. */
    public static final List<String> LABELS = labels();

    private static final Map<String, String> GROUP_OF = groupOf();

    private MultiCoNerTypes() {
    }

    /** The group of a fine type, or null if the tag is not one of the 33. */
    public static String groupOf(String fineType) {
        return GROUP_OF.get(fineType);
    }

    /** The fine types, in {@link #GROUPS} order. */
    public static List<String> fineTypes() {
        return List.copyOf(GROUP_OF.keySet());
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("PER", List.of("Artist", "Athlete", "Politician", "Scientist", "Cleric", "SportsManager", "OtherPER"));
        g.put("LOC", List.of("HumanSettlement", "Facility", "Station", "OtherLOC"));
        g.put("CW", List.of("VisualWork", "MusicalWork", "WrittenWork", "ArtWork", "Software"));
        g.put("GRP", List.of("ORG", "SportsGRP", "MusicalGRP", "PublicCorp", "PrivateCorp", "CarManufacturer",
                "AerospaceManufacturer"));
        g.put("PROD", List.of("Food", "Drink", "Clothing", "Vehicle", "OtherPROD"));
        g.put("MED", List.of("Disease", "Symptom", "Medication/Vaccine", "MedicalProcedure", "AnatomicalStructure"));
        return Collections.unmodifiableMap(g);
    }

    private static List<String> labels() {
        List<String> out = new ArrayList<>();
        GROUPS.forEach((group, fine) -> {
            out.add(group);
            out.addAll(fine);
        });
        return List.copyOf(out);
    }

    private static Map<String, String> groupOf() {
        Map<String, String> m = new LinkedHashMap<>();
        GROUPS.forEach((group, fine) -> fine.forEach(f -> m.put(f, group)));
        return Collections.unmodifiableMap(m);
    }
}
