package io.jlockdep.bootstrap;

import static io.jlockdep.bootstrap.LockNames.READ_WRITE_LOCK;
import static io.jlockdep.bootstrap.LockNames.REENTRANT_LOCK;
import static io.jlockdep.bootstrap.LockNames.STAMPED_LOCK;

import io.jlockdep.core.Finding;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import jdk.internal.vm.annotation.DontInline;
import java.util.concurrent.locks.StampedLock;

/**
 * What the advice in the JDK's {@code java.util.concurrent.locks} classes calls: {@code ReentrantLock},
 * {@code ReentrantReadWriteLock} (passing its {@code sync}, the identity of both halves), {@code StampedLock}
 * and {@code Condition} awaits. A blocking acquisition is validated before it blocks and undone by
 * {@link #lockFailed} when it ends without the lock; a successful {@code tryLock} is recorded after it
 * (it cannot deadlock, so it is never an edge target). Hook rules, and why the slow paths are
 * {@code @DontInline}, as in {@link MonitorHooks}.
 */
public final class LockHooks {
    private LockHooks() {
    }

    /** Before {@code lock()}/{@code lockInterruptibly()} of a {@code ReentrantLock}. */
    public static void lock(Object lock) {
        acquire(lock, REENTRANT_LOCK, Mode.EXCLUSIVE);
    }

    /** Before a read-lock acquisition of a {@code ReentrantReadWriteLock} ({@code sync} is its identity). */
    public static void readLock(Object sync) {
        acquire(sync, READ_WRITE_LOCK, Mode.SHARED);
    }

    /** Before a write-lock acquisition of a {@code ReentrantReadWriteLock}. */
    public static void writeLock(Object sync) {
        acquire(sync, READ_WRITE_LOCK, Mode.EXCLUSIVE);
    }

    /** Before {@code readLock()} of a {@code StampedLock}. */
    public static void stampedRead(Object lock) {
        acquire(lock, STAMPED_LOCK, Mode.SHARED);
    }

    /** Before {@code writeLock()} of a {@code StampedLock}. */
    public static void stampedWrite(Object lock) {
        acquire(lock, STAMPED_LOCK, Mode.EXCLUSIVE);
    }

    /** A successful {@code tryLock} of a {@code ReentrantLock}. */
    public static void tryLocked(Object lock) {
        tried(lock, REENTRANT_LOCK, Mode.EXCLUSIVE);
    }

    /** A successful read {@code tryLock} of a {@code ReentrantReadWriteLock}. */
    public static void readTryLocked(Object sync) {
        tried(sync, READ_WRITE_LOCK, Mode.SHARED);
    }

    /** A successful write {@code tryLock} of a {@code ReentrantReadWriteLock}. */
    public static void writeTryLocked(Object sync) {
        tried(sync, READ_WRITE_LOCK, Mode.EXCLUSIVE);
    }

    // The woven code passes tryLock's result instead of testing it: a branch would need a new stack map frame.

    /** A {@code tryLock} of a {@code ReentrantLock} returned {@code locked}. */
    public static void tryLocked(Object lock, boolean locked) {
        if (locked) {
            tried(lock, REENTRANT_LOCK, Mode.EXCLUSIVE);
        }
    }

    /** A read {@code tryLock} of a {@code ReentrantReadWriteLock} returned {@code locked}. */
    public static void readTryLocked(Object sync, boolean locked) {
        if (locked) {
            tried(sync, READ_WRITE_LOCK, Mode.SHARED);
        }
    }

    /** A write {@code tryLock} of a {@code ReentrantReadWriteLock} returned {@code locked}. */
    public static void writeTryLocked(Object sync, boolean locked) {
        if (locked) {
            tried(sync, READ_WRITE_LOCK, Mode.EXCLUSIVE);
        }
    }

    /** A {@code tryReadLock} of a {@code StampedLock}: held when the stamp is not zero. */
    public static void stampedTryRead(Object lock, long stamp) {
        if (stamp != 0L) {
            tried(lock, STAMPED_LOCK, Mode.SHARED);
        }
    }

    /** A {@code tryWriteLock} of a {@code StampedLock}: held when the stamp is not zero. */
    public static void stampedTryWrite(Object lock, long stamp) {
        if (stamp != 0L) {
            tried(lock, STAMPED_LOCK, Mode.EXCLUSIVE);
        }
    }

    /** A blocking acquisition announced by {@link #lock} and friends ended without the lock (interrupted). */
    public static void lockFailed(Object id) {
        release(id, null);
    }

    /** After a successful {@code unlock()} of a {@code ReentrantLock}. */
    public static void unlock(Object lock) {
        release(lock, null);
    }

    /**
     * After a ForkJoinPool worker erased the thread-locals of {@code thread} (between its tasks): when that is the
     * calling thread, the engine roots its state in the thread again ({@link Lockdep#threadLocalsErased}).
     */
    @DontInline
    public static void threadLocalsErased(Object thread) {
        Lockdep e = EngineHolder.engine;
        if (e == null || thread != Thread.currentThread()) {
            return;
        }
        try {
            e.threadLocalsErased();
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** After a read unlock of a {@code ReentrantReadWriteLock} (only its holder can: the hold is its own). */
    public static void readUnlock(Object id) {
        release(id, Mode.SHARED);
    }

    /** After a write unlock of a {@code ReentrantReadWriteLock}. */
    public static void writeUnlock(Object id) {
        release(id, Mode.EXCLUSIVE);
    }

    /**
     * After {@code unlockRead(stamp)} (also through {@code unlock(stamp)}) or the read view's unlock of a
     * {@code StampedLock}. Any thread may do it with a stamp it was handed: the hold may be another thread's.
     */
    public static void stampedUnlockRead(Object lock) {
        releaseUnowned(lock, Mode.SHARED);
    }

    /** After {@code unlockWrite(stamp)} (also through {@code unlock(stamp)}) or the write view's unlock. */
    public static void stampedUnlockWrite(Object lock) {
        releaseUnowned(lock, Mode.EXCLUSIVE);
    }

    /** After {@code tryUnlockRead()}/{@code tryUnlockWrite()} of a {@code StampedLock}. */
    public static void stampedTryUnlock(Object lock, boolean released, boolean write) {
        if (released) {
            releaseUnowned(lock, write ? Mode.EXCLUSIVE : Mode.SHARED);
        }
    }

    /**
     * After {@code tryConvertToWriteLock(stamp)} of a {@code StampedLock}: a read stamp's hold (perhaps
     * another thread's) becomes this thread's write hold, an optimistic stamp a write hold; a write stamp or
     * a zero result changes nothing. Held like a successful trylock: a conversion never blocks.
     */
    public static void stampedConvertedToWrite(Object lock, long stamp, long result) {
        if (result == 0L || StampedLock.isWriteLockStamp(stamp)) {
            return;
        }
        if (StampedLock.isReadLockStamp(stamp)) {
            releaseUnowned(lock, Mode.SHARED);
        }
        tried(lock, STAMPED_LOCK, Mode.EXCLUSIVE);
    }

    /** After {@code tryConvertToReadLock(stamp)}: a write hold becomes a read hold, an optimistic stamp a read hold. */
    public static void stampedConvertedToRead(Object lock, long stamp, long result) {
        if (result == 0L || StampedLock.isReadLockStamp(stamp)) {
            return;
        }
        if (StampedLock.isWriteLockStamp(stamp)) {
            releaseUnowned(lock, Mode.EXCLUSIVE);
        }
        tried(lock, STAMPED_LOCK, Mode.SHARED);
    }

    /** After {@code tryConvertToOptimisticRead(stamp)}: a write or read stamp's hold is released. */
    public static void stampedConvertedToOptimistic(Object lock, long stamp, long result) {
        if (result == 0L) {
            return;
        }
        if (StampedLock.isWriteLockStamp(stamp)) {
            releaseUnowned(lock, Mode.EXCLUSIVE);
        } else if (StampedLock.isReadLockStamp(stamp)) {
            releaseUnowned(lock, Mode.SHARED);
        }
    }

    /** At the end of a {@code ReentrantReadWriteLock} constructor: its identity is its {@code sync}. */
    @DontInline
    public static void rrwCreated(Object rrw, Object sync) {
        standsFor(rrw, sync);
    }

    /** A {@code Condition} created by a tracked lock: its awaits release that lock. */
    @DontInline
    public static void conditionCreated(Object condition, Object lockIdentity) {
        standsFor(condition, lockIdentity);
    }

    /** On entry to {@code Condition.await*}: the lock is released while waiting; returns the holds to restore. */
    @DontInline
    public static int awaitRelease(Object condition) {
        Lockdep e = EngineHolder.engine;
        if (e == null || condition == null) {
            return 0;
        }
        try {
            Object id = LockNames.lockOf(condition);
            return id == null ? 0 : e.waitRelease(id);
        } catch (Throwable ignored) {
            return 0;
        }
    }

    /** On exit from {@code Condition.await*}, normal or exceptional: the lock is held again. */
    @DontInline
    public static void awaitReacquire(Object condition, int saved) {
        Lockdep e = EngineHolder.engine;
        if (e == null || saved <= 0 || condition == null) {
            return;
        }
        try {
            Object id = LockNames.lockOf(condition);
            if (id != null) {
                e.waitReacquire(id, LockNames.jucClass(e, id, REENTRANT_LOCK), saved);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /**
     * The repeat of this thread's last acquisition at this point of its stack (the common case) is answered by
     * the engine without the lock's class ({@link Lockdep#acquireKnown}); only otherwise is the class looked up,
     * in a method of its own so that this one stays small enough to inline into the lock method.
     */
    private static void acquire(Object id, String kind, Mode mode) {
        Lockdep e = EngineHolder.engine;
        if (e == null || id == null) {
            return;
        }
        try {
            if (e.acquireKnown(id, mode)) {
                return;
            }
        } catch (Throwable ignored) {
            return;
        }
        acquireNamed(e, id, kind, mode);
    }

    @DontInline
    private static void acquireNamed(Lockdep e, Object id, String kind, Mode mode) {
        Finding f;
        try {
            f = e.acquireRemembered(id, LockNames.jucClass(e, id, kind), mode);
        } catch (Throwable ignored) {
            return;
        }
        if (f != null) {
            CyclePolicy.acquired(e, id, f);
        }
    }

    private static void tried(Object id, String kind, Mode mode) {
        Lockdep e = EngineHolder.engine;
        if (e == null || id == null) {
            return;
        }
        try {
            e.tryAcquired(id, LockNames.jucClass(e, id, kind), mode);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    /** The top entry held once is dropped inline ({@link Lockdep#releaseTop}); anything else in a method of its own. */
    private static void release(Object id, Mode mode) {
        Lockdep e = EngineHolder.engine;
        if (e == null || id == null) {
            return;
        }
        try {
            if (!e.releaseTop(id, mode)) {
                releaseGeneral(e, id, mode);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    @DontInline
    private static void releaseGeneral(Lockdep e, Object id, Mode mode) {
        try {
            if (mode == null) {
                e.release(id);
            } else {
                e.release(id, mode);
            }
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    private static void releaseUnowned(Object id, Mode mode) {
        Lockdep e = EngineHolder.engine;
        if (e == null || id == null) {
            return;
        }
        try {
            e.releaseUnowned(id, mode);
        } catch (Throwable ignored) {
            // never into the host
        }
    }

    private static void standsFor(Object lock, Object identity) {
        if (EngineHolder.engine == null || lock == null || identity == null) {
            return;
        }
        try {
            LockNames.standsFor(lock, identity);
        } catch (Throwable ignored) {
            // awaits of a condition then keep the lock held in the tracker; an rrw's halves stay apart
        }
    }
}
