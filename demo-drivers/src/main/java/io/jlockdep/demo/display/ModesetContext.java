package io.jlockdep.demo.display;

import io.jlockdep.fence.WouldDeadlockException;
import io.jlockdep.fence.WwAcquireContext;
import io.jlockdep.fence.WwClass;
import io.jlockdep.fence.WwMutex;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A modeset acquire context (the kernel's {@code drm_modeset_acquire_ctx}): the CRTC and plane locks are
 * ww mutexes of one wound-wait class, so an atomic commit can lock any set of them in any order; when two
 * commits collide, the younger backs off and retries.
 */
public final class ModesetContext implements AutoCloseable {
    /** The ww class of every modeset lock (the kernel's {@code crtc_ww_class}). */
    public static final WwClass CRTC_WW_CLASS = WwClass.woundWait("crtc_ww_class");

    private static final AtomicLong BACKOFFS = new AtomicLong();

    private final WwAcquireContext ctx = new WwAcquireContext(CRTC_WW_CLASS);

    /** A new context for the calling thread. */
    public ModesetContext() {
    }

    /**
     * Locks every mutex of {@code locks} (duplicates are fine), backing off and retrying as long as another
     * context has priority (the kernel's {@code drm_modeset_backoff}). The context must hold nothing.
     */
    public void lockAll(List<WwMutex> locks) {
        WwMutex contended = null;
        for (;;) {
            try {
                if (contended != null) {
                    contended.lockSlow(ctx);
                    contended = null;
                }
                for (WwMutex m : locks) {
                    m.lock(ctx);
                }
                return;
            } catch (WouldDeadlockException e) {
                ctx.unlockAll();
                contended = e.contended();
                BACKOFFS.incrementAndGet();
            }
        }
    }

    /** Unlocks everything this context holds (the kernel's {@code drm_modeset_drop_locks}). */
    public void dropLocks() {
        ctx.unlockAll();
    }

    /** Drops the locks still held and ends the context. */
    @Override
    public void close() {
        if (ctx.acquiredCount() > 0) {
            ctx.unlockAll();
        }
        ctx.close();
    }

    /** Back-offs of all modeset contexts so far. */
    public static long backoffs() {
        return BACKOFFS.get();
    }
}
