package org.boe4j.cli;

import org.boe4j.data.DataFile;
import org.boe4j.data.Utf8Lines;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts {@code predict} and {@code explain} read from a UTF-8 file or stdin. Decoding is strict (as for
 * datasets, {@link Utf8Lines}): a byte sequence that is not UTF-8 is an error naming the file (or stdin), the line
 * and the byte in that line, never a silent U+FFFD. Paths are used as the user gave them, relative to the working
 * directory, and named that way in messages. A UTF-8 byte-order mark is dropped; lines may end in LF or CRLF.
 */
final class TextInputs {

    /** One text; id = its position among the arguments, or its line number in the file or stdin. */
    record Input(String id, String text) {
    }

    private TextInputs() {
    }

    /** Whether an option value means stdin. */
    static boolean isStdin(Path file) {
        return file != null && file.toString().equals("-");
    }

    /** The non-blank lines of {@code file} ("-": stdin), each a text whose id is its line number. */
    static List<Input> lines(Path file) throws IOException {
        List<Input> out = new ArrayList<>();
        try (Utf8Lines lines = new Utf8Lines(source(file))) {
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                if (line.isMalformed()) {
                    throw new IOException(lines.name() + ", line " + line.number() + ": " + line.malformed());
                }
                if (!line.text().isBlank()) {
                    out.add(new Input(Long.toString(line.number()), line.text()));
                }
            }
        }
        return out;
    }

    /** The whole of {@code file} ("-": stdin) as one text, line breaks included except the one ending the file. */
    static String whole(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Utf8Lines lines = new Utf8Lines(source(file))) {
            Utf8Lines.Line line;
            String pendingBreak = "";
            while ((line = lines.next()) != null) {
                if (line.isMalformed()) {
                    throw new IOException(lines.name() + ", line " + line.number() + ": " + line.malformed());
                }
                text.append(pendingBreak).append(line.text());
                pendingBreak = line.terminator();
            }
        }
        return text.toString();
    }

    /** The file as a byte source, after the checks that give a missing file or a directory a clear message. */
    private static DataFile source(Path file) throws IOException {
        if (isStdin(file)) {
            return new DataFile() {
                @Override
                public String name() {
                    return "stdin";
                }

                @Override
                public InputStream open() {
                    return new FilterInputStream(System.in) {
                        @Override
                        public void close() {
                            // stdin belongs to the process
                        }
                    };
                }
            };
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory; expected a UTF-8 text file");
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file (relative paths are resolved against"
                    + " the working directory, " + Path.of("").toAbsolutePath() + ")");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": not readable (permission denied)");
        }
        return DataFile.of(file);
    }
}
