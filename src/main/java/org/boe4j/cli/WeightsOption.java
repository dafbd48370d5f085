package org.boe4j.cli;

import org.boe4j.bert.convert.WeightsConverter;
import org.boe4j.io.Boe4jHome;
import org.boe4j.model.PretrainedEncoder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --weights} and {@code --max-length} options shared by commands that run the encoder. */
final class WeightsOption {

    @Option(names = "--weights", paramLabel = "DIR",
            description = "a Hugging Face BERT directory (default: ${DEFAULT-VALUE}, converted on first use)")
    Path dir = Boe4jHome.current().weights();

    @Option(names = "--max-length", paramLabel = "N",
            description = "truncate inputs to N word pieces, [CLS] and [SEP] included (default: ${DEFAULT-VALUE})")
    int maxLength = 512;

    /** Opens the encoder, converting the default M-BERT weights first if they are not there yet. */
    PretrainedEncoder open(PrintStream log) throws IOException {
        ensureConverted(log);
        return PretrainedEncoder.open(dir, maxLength);
    }

    /** Converts the default M-BERT weights (from the Maven artifact) when they are not there yet. */
    void ensureConverted(PrintStream log) throws IOException {
        if (dir.equals(Boe4jHome.current().weights()) && !Files.isDirectory(dir)) {
            log.println("converting the M-BERT weights into " + dir + " (once)");
            new WeightsConverter(log).convert(null, dir, false);
        }
    }
}
