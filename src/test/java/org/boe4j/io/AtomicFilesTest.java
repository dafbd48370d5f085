package org.boe4j.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Temporaries left by a kill are reclaimed by the next write (issue 16, defect 8): only ours, only stale. A dead
 * process is a real one: a child process that has exited, whose PID is then free.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private final List<String> reported = new ArrayList<>();

    @AfterEach
    void restoreReport() {
        AtomicFiles.reportTo(System.err::println);
    }

    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }

    @Test
    void theNextWriteRemovesTemporariesOfDeadProcessesAndSaysSo() throws Exception {
        AtomicFiles.reportTo(reported::add);
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        // what kill -9 leaves: a half-converted weights directory and a half-written KB file
        Path deadDir = Files.createDirectories(dir.resolve(".bert." + AtomicFiles.MARK.substring(1) + dead + "-123"));
        Files.write(deadDir.resolve("model.safetensors"), new byte[3 << 20]);
        Path deadFile = Files.writeString(dir.resolve(".x.kb.boe4j-" + dead + "-456.tmp"), "partial");
        Path deadOld = Files.createDirectories(dir.resolve(".bert.boe4j-" + dead + "-old-789"));
        Path liveFile = Files.writeString(dir.resolve(".x.kb.boe4j-" + live + "-1.tmp"), "being written");
        Path userHidden = Files.writeString(dir.resolve(".bert.boe4j-notes"), "not ours");
        Path userFile = Files.writeString(dir.resolve("x.kb"), "the user's file");

        AtomicFiles.writeString(dir.resolve("result.txt"), "done");

        assertThat(deadDir).doesNotExist();
        assertThat(deadFile).doesNotExist();
        assertThat(deadOld).doesNotExist();
        assertThat(liveFile).exists();
        assertThat(userHidden).exists();
        assertThat(userFile).hasContent("the user's file");
        assertThat(dir.resolve("result.txt")).hasContent("done");
        assertThat(reported).hasSize(3).anySatisfy(line -> assertThat(line)
                .isEqualTo("removed the stale temporary " + deadDir + " (3.0 MB) left by process " + dead
                        + ", which is no longer running"));
    }

    @Test
    void temporariesNameTheirProcess() throws Exception {
        List<String> seen = new ArrayList<>();
        AtomicFiles.write(dir.resolve("a.bin"), out -> {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> seen.add(p.getFileName().toString()));
            }
        });
        AtomicFiles.writeDirectory(dir.resolve("d"), tmp -> seen.add(tmp.getFileName().toString()));
        long pid = ProcessHandle.current().pid();
        assertThat(seen).hasSize(2).allMatch(n -> n.matches("\\.(a\\.bin|d)\\.boe4j-" + pid + "-\\d+(\\.tmp)?"), "ours");
    }

    @Test
    void earlierVersionsTemporariesGoOnlyWhenOldAndOnlyForTheTargetWritten() throws Exception {
        AtomicFiles.reportTo(reported::add);
        Path oldDir = Files.createDirectories(dir.resolve(".bert-base-multilingual-cased.8123456789012345678"));
        Path inside = Files.write(oldDir.resolve("model.safetensors"), new byte[10]);
        Path oldKb = Files.writeString(dir.resolve(".x.kb5123456789.tmp"), "partial");
        Path freshKb = Files.writeString(dir.resolve(".x.kb6123456789.tmp"), "maybe still written");
        Path otherTarget = Files.writeString(dir.resolve(".y.kb7123456789.tmp"), "another target");
        FileTime twoHoursAgo = FileTime.from(Instant.now().minusSeconds(7200));
        for (Path p : List.of(inside, oldDir, oldKb, otherTarget)) {
            Files.setLastModifiedTime(p, twoHoursAgo);
        }

        AtomicFiles.writeString(dir.resolve("x.kb"), "new");
        assertThat(oldKb).doesNotExist();
        assertThat(freshKb).exists();
        assertThat(otherTarget).exists();
        assertThat(oldDir).exists();

        AtomicFiles.writeDirectory(dir.resolve("bert-base-multilingual-cased"), tmp -> { });
        assertThat(oldDir).doesNotExist();
        assertThat(reported).hasSize(2).allMatch(l -> l.contains("earlier boe4j version"));
    }

    @Test
    void aDirectoryIsNeverWrittenOverARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "precious");
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(file, tmp -> Files.writeString(tmp.resolve("a"), "x")))
                .isInstanceOf(IOException.class).hasMessage(file + " exists and is not a directory; choose another"
                        + " output directory");
        assertThat(file).hasContent("precious");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(file);
        }
    }
}
