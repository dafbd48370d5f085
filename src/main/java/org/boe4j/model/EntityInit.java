package org.boe4j.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where the entity table of {@code boe} and {@code boe-att} starts (docs/method.md §4), and at what length
 * ({@link EntityNorm}). {@code boe-emb} always starts at random (the paper's -emb ablation).
 *
 * @param source   what each row is computed from
 * @param file     the Wikipedia2Vec file (source {@link Source#WIKIPEDIA2VEC} only)
 * @param template the template of source {@link Source#TEMPLATE}, with {@value #NAME_SLOT} where the name goes
 * @param norm     the length every row is given afterwards
 */
public record EntityInit(Source source, Path file, String template, EntityNorm norm) {

    public static final String NAME_SLOT = "{name}";
    public static final String DEFAULT_TEMPLATE = "This is about {name}.";

    /** What a row is computed from. */
    public enum Source {
        /** The paper: a Wikipedia2Vec file; entities it lacks get seeded N(0, 0.02^2) rows. */
        WIKIPEDIA2VEC("wikipedia2vec"),
        /** The encoder's mean final hidden state over the word pieces of the English title. */
        NAME("name"),
        /**
         * The mean over languages of the encoder's mean-pooled encoding of the entity's name in each experiment
         * language (its most common surface in that language's KB dictionary) and of the English title.
         */
        NAMES("names"),
        /** The encoder's final [CLS] state of the template with the English name filled in (h's own position). */
        TEMPLATE("template"),
        /** Seeded N(0, 0.02^2) rows, as -emb. */
        RANDOM("random");

        private final String cliName;

        Source(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Source fromCliName(String name) {
            return Arrays.stream(values()).filter(s -> s.cliName.equals(name.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown entity-vector source '"
                            + name + "': expected one of " + Arrays.stream(values()).map(Source::cliName).toList()));
        }
    }

    /** The demo's initialisation before this option existed: the encoded English name, as encoded. */
    public static final EntityInit NAME_RAW = new EntityInit(Source.NAME, null, null, EntityNorm.RAW);

    public EntityInit {
        if (source == Source.WIKIPEDIA2VEC && file == null) {
            throw new IllegalArgumentException("entity vectors from wikipedia2vec need a file (--entity-vectors)");
        }
        if (source != Source.WIKIPEDIA2VEC && file != null) {
            throw new IllegalArgumentException("a Wikipedia2Vec file is given but the entity vectors come from "
                    + source.cliName());
        }
        if (source == Source.TEMPLATE) {
            template = template == null ? DEFAULT_TEMPLATE : template;
            if (!template.contains(NAME_SLOT)) {
                throw new IllegalArgumentException("the entity template '" + template + "' has no " + NAME_SLOT);
            }
        } else {
            template = null;
        }
        norm = norm == null ? EntityNorm.RAW : norm;
    }

    public EntityInit withNorm(EntityNorm n) {
        return new EntityInit(source, file, template, n);
    }

    /** The template filled with a name. */
    public String fill(String name) {
        return template.replace(NAME_SLOT, name);
    }

    /** One line for provenance and for the model card. */
    public String describe() {
        String what = switch (source) {
            case WIKIPEDIA2VEC -> "Wikipedia2Vec file " + file + " (entities it lacks: random N(0, 0.02^2))";
            case NAME -> "name: the encoder's mean-pooled encoding of the English name";
            case NAMES -> "names: the mean of the encoder's mean-pooled encodings of the entity's names in the"
                    + " experiment's languages (KB surfaces) and of the English name";
            case TEMPLATE -> "template: the encoder's [CLS] state of \"" + template + "\"";
            case RANDOM -> "random N(0, 0.02^2)";
        };
        return what + ", " + norm;
    }
}
