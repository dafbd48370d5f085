package org.boe4j.cli;

import org.boe4j.io.TerminalText;
import org.boe4j.model.Predictor;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** The options shared by {@code predict} and {@code explain}: which model, which KB, which language. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "a trained-model directory (e.g. runs/demo/models/boe/seed-1, written by `boe4j experiment`)")
    Path dir;

    @Option(names = "--lang", paramLabel = "LANG", description = "language of the texts (en, fr, ja, fra_Latn, ...):"
            + " entities are found with the KB dictionary of this language and mapped to English entities; required"
            + " unless the model is the baseline")
    String lang;

    @Option(names = "--kb", paramLabel = "FILE",
            description = "KB file (default: the one the model was trained with, as recorded in its model.json)")
    Path kb;

    @Option(names = "--encoder", paramLabel = "DIR", description = "for a model trained on a frozen encoder: where that"
            + " encoder directory is now, if it moved (its checksums must match)")
    Path encoder;

    /** Opens the model; notes on stderr what it is and when the KB differs from the one it was trained with. */
    Predictor open(PrintStream err) throws IOException {
        Predictor p = Predictor.open(dir, kb, encoder);
        err.println("model: " + TerminalText.escape(p.model().toString()));
        if (p.kbUse().file() != null && !p.kbUse().matchesTraining()) {
            err.println("note: the KB " + TerminalText.escape(p.kbUse().file().toString()) + " is not the one this model was trained with (SHA-256"
                    + " differs); entities are matched to the model's rows by English title");
        }
        return p;
    }
}
