package io.jlockdep.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The invalidation callbacks of one address space (the mmu-notifier analogue), with a sequence number
 * so that readers can detect an invalidation that raced with them:
 * <pre>{@code
 * long seq;
 * do {
 *     seq = registry.readBegin();         // waits while an invalidation runs
 *     ... look up pages without locks ...
 *     driverLock.lock();
 * } while (registry.readRetry(seq) && unlockAndRetry(driverLock));
 * }</pre>
 * {@link #invalidate} runs every callback inside the invalidation context. Thread-safe.
 */
public final class InvalidationRegistry {
    private final AtomicReference<InvalidationCallback[]> callbacks =
            new AtomicReference<InvalidationCallback[]>(new InvalidationCallback[0]);

    /** Guards {@link #invalidating}; held only briefly, and never while calling out. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    /** Threads running an invalidation now (one entry per invalidation). Guarded by {@link #lock}. */
    private final ArrayList<Thread> invalidating = new ArrayList<Thread>();
    /** Changes when an invalidation starts and when it ends. Written under {@link #lock}. */
    private volatile long sequence;

    /** An empty registry. */
    public InvalidationRegistry() {
    }

    /**
     * Adds {@code callback}; later invalidations call it, in registration order.
     *
     * @throws IllegalArgumentException if it is null or registered already
     */
    public void register(InvalidationCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("null invalidation callback");
        }
        for (;;) {
            InvalidationCallback[] current = callbacks.get();
            for (InvalidationCallback c : current) {
                if (c == callback) {
                    throw new IllegalArgumentException("invalidation callback " + callback + " is registered already");
                }
            }
            InvalidationCallback[] next = new InvalidationCallback[current.length + 1];
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = callback;
            if (callbacks.compareAndSet(current, next)) {
                return;
            }
        }
    }

    /**
     * Removes {@code callback}; an invalidation already running may still call it.
     *
     * @return whether it was registered
     */
    public boolean unregister(InvalidationCallback callback) {
        for (;;) {
            InvalidationCallback[] current = callbacks.get();
            int at = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == callback) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            InvalidationCallback[] next = new InvalidationCallback[current.length - 1];
            System.arraycopy(current, 0, next, 0, at);
            System.arraycopy(current, at + 1, next, at, current.length - at - 1);
            if (callbacks.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** The registered callbacks, in registration order (a copy). */
    public List<InvalidationCallback> callbacks() {
        List<InvalidationCallback> out = new ArrayList<InvalidationCallback>();
        for (InvalidationCallback c : callbacks.get()) {
            out.add(c);
        }
        return out;
    }

    /**
     * Invalidates {@code [start, end)}: runs every registered callback inside the invalidation context.
     * Readers that began before it see {@link #readRetry} true; {@link #readBegin} waits until it is over.
     * A callback that throws ends it (the context is left first).
     *
     * @throws IllegalArgumentException if {@code end < start}
     */
    public void invalidate(long start, long end) {
        if (end < start) {
            throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
        }
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            invalidating.add(me);
            sequence++;
        } finally {
            lock.unlock();
        }
        try {
            Scope context = Invalidation.enter();
            try {
                for (InvalidationCallback c : callbacks.get()) {
                    c.invalidate(start, end);
                }
            } finally {
                Invalidation.exit(context);
            }
        } finally {
            lock.lock();
            try {
                invalidating.remove(me);
                sequence++;
                if (invalidating.isEmpty()) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Begins a lock-free read: waits (uninterruptibly) until no invalidation is running, and returns the
     * sequence number to check with {@link #readRetry}. A wait for invalidation progress: the caller must
     * not hold any lock an invalidation callback takes ({@link Invalidation#mightInvalidate()}).
     *
     * @throws IllegalStateException when called from one of this registry's callbacks (it would wait for
     *         itself)
     */
    public long readBegin() {
        Invalidation.mightInvalidate();
        lock.lock();
        try {
            if (invalidating.contains(Thread.currentThread())) {
                throw new IllegalStateException("readBegin() inside an invalidation of the same registry would"
                        + " wait for itself");
            }
            while (!invalidating.isEmpty()) {
                idle.awaitUninterruptibly();
            }
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /** Whether an invalidation started since {@link #readBegin} returned {@code seq}: then read again. */
    public boolean readRetry(long seq) {
        return sequence != seq;
    }

    /** Whether an invalidation is running now. */
    public boolean isInvalidating() {
        lock.lock();
        try {
            return !invalidating.isEmpty();
        } finally {
            lock.unlock();
        }
    }
}
