package org.boe4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Peak resident set size of this (forked benchmark) JVM, read from {@code /proc/self/status}: VmHWM is the
 * kernel's high-water mark of RSS since the process started, so it covers the weights, the JIT, the heap and every
 * native buffer of every iteration. Called from a trial-level {@code @TearDown}, it prints one line and, when the
 * property {@value #LOG_PROPERTY} names a file (run.sh sets it), appends a TSV row to it:
 * {@code time  benchmark  params  VmHWM_MiB  VmRSS_MiB}.
 */
final class PeakRss {

    static final String LOG_PROPERTY = "boe4j.bench.rssLog";

    private PeakRss() {
    }

    /** VmHWM and VmRSS in KiB, or -1 where /proc is unavailable. */
    static long[] readKiB() {
        long hwm = -1;
        long rss = -1;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                }
            }
        } catch (IOException e) {
            // not Linux: report -1
        }
        return new long[]{hwm, rss};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    static void report(String benchmark, String params) {
        long[] kib = readKiB();
        String row = String.format(Locale.ROOT, "%s\t%s\t%s\t%.0f\t%.0f", Instant.now(), benchmark, params,
                kib[0] / 1024.0, kib[1] / 1024.0);
        System.out.printf(Locale.ROOT, "%npeak RSS %s [%s]: VmHWM %.2f GiB, VmRSS now %.2f GiB%n", benchmark, params,
                kib[0] / 1048576.0, kib[1] / 1048576.0);
        String log = System.getProperty(LOG_PROPERTY);
        if (log != null && !log.isEmpty()) {
            try {
                Files.writeString(Path.of(log), row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("cannot append the peak RSS to " + log, e);
            }
        }
    }
}
