package org.boe4j.cli;

import org.bytedeco.javacpp.Pointer;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Running out of memory in a model command, as a message that names the limit and what to change instead of an
 * OutOfMemoryError trace. The two limits are the Java heap (-Xmx, the launcher's BOE4J_HEAP) and the native memory
 * that holds ND4J's arrays (JavaCPP's maxbytes / maxphysicalbytes, the launcher's BOE4J_OFFHEAP): a forward pass
 * over a batch keeps every layer's activations of every text of the batch at once, in native memory, so the batch
 * size is what to lower first.
 */
final class MemoryLimits {

    private MemoryLimits() {
    }

    /** Runs {@code work} on a batch of {@code texts} texts, turning an out-of-memory failure into a clear error. */
    static <T> T predicting(int texts, Supplier<T> work) {
        try {
            return work.get();
        } catch (OutOfMemoryError e) {
            throw outOfMemory(texts, e);
        } catch (RuntimeException e) {
            if (outOfMemoryCause(e) != null) {
                throw outOfMemory(texts, outOfMemoryCause(e));
            }
            throw e;
        }
    }

    /** The OutOfMemoryError behind {@code e} (ND4J sometimes wraps it), or null. */
    static OutOfMemoryError outOfMemoryCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    static IllegalStateException outOfMemory(int texts, Throwable cause) {
        return new IllegalStateException(message("while predicting a batch of " + texts + " texts", "lower --batch"
                + " (default 16), or raise", cause), cause);
    }

    /**
     * The message for an out-of-memory failure anywhere in a command (e.g. while loading a model).
     *
     * @param doing  what was being done ("while ..."), or null
     * @param advice what to change first, ending in a verb that takes "the limits" ("raise")
     */
    static String message(String doing, String advice, Throwable cause) {
        String what = String.valueOf(cause.getMessage());
        String limit = what.contains("Java heap") ? "the Java heap"
                : what.contains("hysical") || what.contains("allocate") || what.contains("Pointer")
                ? "the native memory limit" : "a memory limit";
        return String.format(Locale.ROOT, "out of memory%s (%s was reached; limits: Java heap %s, native memory %s):"
                        + " %s the limits with BOE4J_HEAP and BOE4J_OFFHEAP (the launcher's defaults are 6g and 14g),"
                        + " e.g. BOE4J_OFFHEAP=20g ./boe4j ...",
                doing == null ? "" : " " + doing, limit, gigabytes(Runtime.getRuntime().maxMemory()),
                gigabytes(nativeLimit()), advice);
    }

    /** JavaCPP's cap on native memory: the smaller of maxbytes and maxphysicalbytes (0 = none). */
    private static long nativeLimit() {
        long bytes = Pointer.maxBytes();
        long physical = Pointer.maxPhysicalBytes();
        return bytes <= 0 ? physical : physical <= 0 ? bytes : Math.min(bytes, physical);
    }

    private static String gigabytes(long bytes) {
        if (bytes <= 0 || bytes == Long.MAX_VALUE) {
            return "unlimited";
        }
        return bytes < (1L << 30) ? String.format(Locale.ROOT, "%d MB", bytes >> 20)
                : String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
