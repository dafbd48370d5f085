package org.boe4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cards written while the head still had a {@code usePooler} switch (always false: nothing could set it) must still
 * load; a card asking for the pooler output must be refused rather than silently read as the [CLS] state.
 */
class LegacyModelCardTest {

    @TempDir
    Path dir;

    /** The saved card as a version-1 card (no seal, as such cards were written) with the old field. */
    private Path withLegacyPoolerField(boolean value) throws Exception {
        Path model = TinyModels.saveFrozenBoeModel(dir.resolve("m-" + value));
        Path card = model.resolve(TrainedModel.CARD_FILE);
        JsonObject json = JsonParser.parseString(Files.readString(card)).getAsJsonObject();
        JsonObject legacy = new JsonObject();
        json.entrySet().forEach(e -> {
            if (e.getKey().equals("maxEntitiesPerDocument")) {
                legacy.addProperty("usePooler", value);
            }
            if (!e.getKey().equals(ModelCard.SEAL_FIELD)) {
                legacy.add(e.getKey(), e.getValue());
            }
        });
        legacy.addProperty("formatVersion", 1);
        Files.writeString(card, legacy.toString());
        return model;
    }

    @Test
    void aStoredFalseLoadsAndATrueIsRefusedByName() throws Exception {
        try (TrainedModel m = TrainedModel.load(withLegacyPoolerField(false))) {
            assertThat(m.card().labels()).isEqualTo(TinyModels.LABELS);
        }
        Path pooler = withLegacyPoolerField(true);
        assertThatThrownBy(() -> TrainedModel.load(pooler)).hasMessageContaining("model.json")
                .hasMessageContaining("\"usePooler\": true").hasMessageContaining("[CLS] state");
    }
}
