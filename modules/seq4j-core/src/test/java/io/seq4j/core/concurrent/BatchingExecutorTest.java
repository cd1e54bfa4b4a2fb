package io.seq4j.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

class BatchingExecutorTest {
    @Test
    void requestsWaitingWhileABatchRunsFormTheNextBatchInOrder() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1), release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (BatchingExecutor<Integer, Integer> e = new BatchingExecutor<>("test", 4, batch -> {
            sizes.add(batch.size());
            if (sizes.size() == 1) {
                firstStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return batch.stream().map(x -> x * 10).toList();
        })) {
            CompletableFuture<Integer> first = e.submit(0);
            firstStarted.await();
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 6; i++) rest.add(e.submit(i));     // queued while the first batch runs
            release.countDown();
            assertEquals(0, first.get());
            for (int i = 1; i <= 6; i++) assertEquals(i * 10, rest.get(i - 1).get());
            assertEquals(List.of(1, 4, 2), sizes);                  // at most maxBatch = 4 per call
        }
    }

    @Test
    void aFailingBatchFailsItsCallersWithTheSameExceptionAndCloseRefusesMore() {
        BatchingExecutor<String, String> e = new BatchingExecutor<>("test", 8, batch -> {
            throw new IllegalArgumentException("bad input " + batch);
        });
        assertEquals("bad input [x]", assertThrows(IllegalArgumentException.class, () -> e.call("x")).getMessage());
        e.close();
        assertTrue(e.submit("y").isCompletedExceptionally());
    }
}
