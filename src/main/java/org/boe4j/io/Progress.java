package org.boe4j.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display with rate and ETA for long work (weights conversion, dump building, training).
 * Redraws at most every 500 ms; on a non-interactive stream (CI logs) it prints a plain line at most every 10 s.
 */
public final class Progress implements AutoCloseable {

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    /** The first line waits one interval, so that the rate and ETA rest on some measured progress. */
    private long lastDraw = startNanos;
    private long done;
    private String detail = "";

    /**
     * @param total the amount of work, or <= 0 when unknown (no ETA then)
     * @param unit  what is counted ("B" for bytes gets MB formatting)
     */
    public Progress(String label, long total, String unit, PrintStream out) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.interactive = System.console() != null;
    }

    public static Progress silent() {
        return new Progress("", 0, "", new PrintStream(PrintStream.nullOutputStream()));
    }

    public void update(long doneSoFar) {
        update(doneSoFar, detail);
    }

    public void update(long doneSoFar, String detailText) {
        this.done = doneSoFar;
        this.detail = detailText == null ? "" : detailText;
        long now = System.nanoTime();
        long interval = interactive ? 500_000_000L : 10_000_000_000L;
        if (now - lastDraw >= interval) {
            lastDraw = now;
            draw(false);
        }
    }

    @Override
    public void close() {
        draw(true);
    }

    private void draw(boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%5.1f%% ", 100.0 * done / total));
        }
        line.append(amount(done));
        if (total > 0) {
            line.append('/').append(amount(total));
        }
        line.append("  ").append(rate(rate)).append("/s");
        if (last) {
            line.append(String.format(Locale.ROOT, "  done in %s", duration(seconds)));
        } else if (total > 0 && rate > 0) {
            line.append("  ETA ").append(duration((total - done) / rate));
        }
        if (!detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        if (interactive) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String amount(long n) {
        if (unit.equals("B")) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return n + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A rate with two significant digits below 10 ("0.8 docs/s", not "0 docs/s"), whole numbers above. */
    private String rate(double perSecond) {
        if (unit.equals("B") || perSecond >= 10) {
            return amount((long) perSecond);
        }
        return String.format(Locale.ROOT, "%.2g", perSecond) + (unit.isEmpty() ? "" : " " + unit);
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
