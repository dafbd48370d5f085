package org.boe4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written file behind: everything goes to a temporary sibling first and is
 * renamed into place only when complete (a rename within one directory is atomic on POSIX file systems).
 *
 * <p>A kill (or power loss) before the rename leaves the temporary behind, and a converted-weights temporary is
 * 0.6-1.4 GB. So every temporary is named {@code .<target>.boe4j-<pid>-<random>} (directories; {@code .tmp} appended
 * for files; {@code -old-} before the random part for the copy being replaced), and every write first removes the
 * temporaries of that naming in its directory whose process is no longer running ({@link #removeStaleTemporaries}).
 * Temporaries of earlier versions (no PID: {@code .<target>.<digits>}, {@code .<target><digits>.tmp}) are removed
 * only for the target being written and only when nothing in them changed for {@link #LEGACY_STALE_AFTER}.
 * What was removed is reported (one line each, through {@link #reportTo}).
 */
public final class AtomicFiles {

    /** The infix that marks a temporary as ours. */
    static final String MARK = ".boe4j-";
    /** {@code .<target>.boe4j-<pid>-[old-]<digits>[.tmp]}. */
    private static final Pattern OURS = Pattern.compile("^\\..+" + Pattern.quote(MARK) + "(\\d+)-(?:old-)?\\d+(?:\\.tmp)?$");
    /**
     * Temporaries of earlier versions carry no PID, so liveness cannot be checked: they count as stale when nothing
     * in them changed for this long (a whole M-BERT conversion takes minutes).
     */
    static final Duration LEGACY_STALE_AFTER = Duration.ofHours(1);
    private static volatile Consumer<String> report = System.err::println;

    private AtomicFiles() {
    }

    /** Something that writes a whole file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a whole directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    /** Where the lines saying which stale temporaries were removed go (default: System.err). */
    public static void reportTo(Consumer<String> lines) {
        report = lines;
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, StreamWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, prefix(target), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Fills a fresh temporary directory beside {@code target}, then renames it to {@code target}, replacing an
     * existing directory of that name only once the new one is complete. A {@code target} that exists and is not a
     * directory is refused (callers decide whether an existing directory may be replaced).
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(target + " exists and is not a directory; choose another output directory");
        }
        removeStaleTemporaries(parent, target.getFileName().toString());
        Path tmp = Files.createTempDirectory(parent, prefix(target));
        try {
            writer.write(tmp);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, prefix(target) + "old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
    }

    /** {@code .<target>.boe4j-<pid>-}: the random part (and .tmp for files) follows. */
    private static String prefix(Path target) {
        return "." + target.getFileName() + MARK + ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes, from {@code dir}, every temporary of our naming whose process is no longer running, and the
     * earlier versions' temporaries of {@code targetName} that have not changed for {@link #LEGACY_STALE_AFTER}.
     * Nothing else is touched: a name must match exactly, and a temporary of a live process (this one included) is
     * kept. Limitation: PIDs are those of this machine's PID namespace; two containers writing into one shared
     * directory could each take the other's temporaries for stale.
     *
     * @return the removed paths
     */
    public static List<Path> removeStaleTemporaries(Path dir, String targetName) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        Pattern legacy = Pattern.compile("^" + Pattern.quote("." + targetName)
                + "(?:\\.(?:old\\.)?-?\\d+|-?\\d+\\.tmp)$");
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            Matcher m = OURS.matcher(name);
            String why;
            if (m.matches()) {
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                why = "left by process " + pid + ", which is no longer running";
            } else if (legacy.matcher(name).matches() && unchangedFor(p, LEGACY_STALE_AFTER)) {
                why = "left by an earlier boe4j version, unchanged for over " + LEGACY_STALE_AFTER.toHours() + " h";
            } else {
                continue;
            }
            long bytes = size(p);
            try {
                deleteRecursively(p);
            } catch (NoSuchFileException | UncheckedIOException e) {
                continue; // another process cleaned it at the same time
            }
            removed.add(p);
            report.accept(String.format(Locale.ROOT, "removed the stale temporary %s (%s) %s", p, bytesText(bytes),
                    why));
        }
        return removed;
    }

    private static boolean unchangedFor(Path root, Duration age) throws IOException {
        FileTime limit = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> s = Files.walk(root)) {
            return s.allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(limit) < 0;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static long size(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static String bytesText(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw new UncheckedIOException(exc);
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
