package io.seq4j.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs single requests from many threads as batches on one worker thread: the way one DL4J network
 * (which is not thread-safe) serves concurrent callers with the throughput of batched inference.
 *
 * <p>The worker takes the oldest waiting request and every other request already waiting, up to
 * {@code maxBatch}, and calls the batch function once with them. Nothing waits for a batch to fill:
 * a lone caller is served at once (no added latency), and under load batches form by themselves
 * while the worker is busy. Results come back in request order; an exception of the batch function
 * fails every request of that batch with it.
 *
 * @param <I> request type
 * @param <O> result type
 */
public final class BatchingExecutor<I, O> implements AutoCloseable {
    private record Request<I, O>(I input, CompletableFuture<O> result) {
    }

    private final LinkedBlockingQueue<Request<I, O>> queue = new LinkedBlockingQueue<>();
    private final Function<List<I>, List<O>> batch;
    private final int maxBatch;
    private final String name;
    private Thread worker;
    private volatile boolean closed;

    /**
     * @param name     the worker thread's name (a daemon thread, started by the first submission)
     * @param maxBatch most requests per call of {@code batch}
     * @param batch    computes the results of a batch of inputs, one per input, in order
     */
    public BatchingExecutor(String name, int maxBatch, Function<List<I>, List<O>> batch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be positive, got " + maxBatch);
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.name = name;
    }

    /** Queues one request; the future completes with its result (or the batch's exception). */
    public CompletableFuture<O> submit(I input) {
        CompletableFuture<O> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("the executor is closed"));
            return f;
        }
        queue.add(new Request<>(input, f));
        startWorker();
        return f;
    }

    private synchronized void startWorker() {
        if (worker == null || !worker.isAlive()) {
            worker = new Thread(this::work, name);
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** Submits and waits; the batch function's unchecked exception is rethrown as it was thrown. */
    public O call(I input) {
        try {
            return submit(input).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private void work() {
        List<Request<I, O>> taken = new ArrayList<>();
        while (true) {
            Request<I, O> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                if (closed) break;
                continue;
            }
            taken.add(first);
            queue.drainTo(taken, maxBatch - 1);
            try {
                List<O> out = batch.apply(taken.stream().map(Request::input).toList());
                if (out.size() != taken.size()) throw new IllegalStateException(out.size() + " results for " + taken.size() + " requests");
                for (int i = 0; i < taken.size(); i++) taken.get(i).result().complete(out.get(i));
            } catch (RuntimeException | Error e) {
                for (Request<I, O> r : taken) r.result().completeExceptionally(e);
            }
            taken.clear();
        }
        for (Request<I, O> r; (r = queue.poll()) != null; ) r.result().completeExceptionally(new IllegalStateException("the executor is closed"));
    }

    /** Finishes the requests already queued, then stops the worker (within 0.1 s); later submissions fail. */
    @Override
    public void close() {
        closed = true;
    }
}
