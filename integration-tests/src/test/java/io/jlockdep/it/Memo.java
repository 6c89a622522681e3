package io.jlockdep.it;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * Runs shared by several tests: each forked once per key (usually a {@link Jvm}), on first use, even when
 * tests run in parallel; later callers wait for that run and get the same result.
 */
public final class Memo<K, V> {
    private final ConcurrentHashMap<K, FutureTask<V>> runs = new ConcurrentHashMap<>();
    private final Function<K, V> compute;

    public Memo(Function<K, V> compute) {
        this.compute = compute;
    }

    /** The value for {@code key}, computed once. A failed computation fails every caller the same way. */
    public V get(K key) {
        FutureTask<V> task = runs.computeIfAbsent(key, k -> new FutureTask<>(() -> compute.apply(k)));
        task.run(); // no-op unless this caller is the first
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException(c);
        }
    }
}
