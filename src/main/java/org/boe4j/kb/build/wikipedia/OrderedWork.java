package org.boe4j.kb.build.wikipedia;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks (parsing or searching one page) on worker threads and hands their results to one consumer in
 * submission order, with a bounded number in flight. Counting stays single-threaded and in dump order, so the
 * results (including the order of anchor ids) are the same with any number of threads.
 * With one thread, tasks run inline on the caller.
 */
final class OrderedWork<T> implements AutoCloseable {

    /** Receives results in submission order, on the submitting thread. */
    @FunctionalInterface
    interface Consumer<T> {
        void accept(T result) throws IOException;
    }

    private final ExecutorService pool;
    private final Consumer<T> consumer;
    private final Deque<Future<T>> inFlight = new ArrayDeque<>();
    private final int window;

    OrderedWork(int threads, String name, Consumer<T> consumer) {
        this.consumer = consumer;
        this.window = Math.max(1, threads) * 4;
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    void submit(Callable<T> task) throws IOException {
        if (pool == null) {
            consumer.accept(call(task));
            return;
        }
        inFlight.add(pool.submit(task));
        while (inFlight.size() > window) {
            consumer.accept(take(inFlight.poll()));
        }
    }

    /** A result that needs no work, kept in order with the others. */
    void submitDone(T result) throws IOException {
        if (pool == null) {
            consumer.accept(result);
        } else {
            inFlight.add(CompletableFuture.completedFuture(result));
        }
    }

    /** Waits for and consumes everything submitted. */
    void finish() throws IOException {
        while (!inFlight.isEmpty()) {
            consumer.accept(take(inFlight.poll()));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) throws IOException {
        try {
            return task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T take(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a worker");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
