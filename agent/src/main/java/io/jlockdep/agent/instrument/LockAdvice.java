package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.EventHooks;
import io.jlockdep.bootstrap.ExitHooks;
import io.jlockdep.bootstrap.LockHooks;
import io.jlockdep.bootstrap.MonitorHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the JDK's lock classes, into synchronized methods and into JVM exit. Each advice only
 * passes the lock identity to a hook family ({@link LockHooks}, {@link MonitorHooks}, {@link ExitHooks});
 * the advice classes themselves never load in the instrumented classes' loaders (Byte Buddy copies their
 * byte code), only the hook classes have to be visible there (on the bootstrap class path).
 */
final class LockAdvice {
    private LockAdvice() {
    }

    /** {@code ReentrantLock.lock()} and {@code lockInterruptibly()}: validate before blocking. */
    static final class ReentrantLockAcquire {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object lock) {
            LockHooks.lock(lock);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                LockHooks.lockFailed(lock);
            }
        }
    }

    /** {@code ReentrantLock.tryLock(..)}: held when it returned true; never an edge target. */
    static final class ReentrantLockTry {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Return boolean locked) {
            if (locked) {
                LockHooks.tryLocked(lock);
            }
        }
    }

    /** {@code ReentrantLock.unlock()}. */
    static final class ReentrantLockUnlock {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                LockHooks.unlock(lock);
            }
        }
    }

    /** {@code ReentrantLock.newCondition()}: its awaits release this lock. */
    static final class ReentrantLockCondition {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object lock, @Advice.Return Object condition) {
            LockHooks.conditionCreated(condition, lock);
        }
    }

    /** {@code ReentrantReadWriteLock} constructors: both halves share the identity {@code sync}. */
    static final class ReadWriteLockCreated {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object rrw, @Advice.FieldValue("sync") Object sync) {
            LockHooks.rrwCreated(rrw, sync);
        }
    }

    /** {@code ReadLock.lock()}/{@code lockInterruptibly()}. */
    static final class ReadAcquire {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("sync") Object sync) {
            LockHooks.readLock(sync);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                LockHooks.lockFailed(sync);
            }
        }
    }

    /** {@code ReadLock.tryLock(..)}. */
    static final class ReadTry {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Return boolean locked) {
            if (locked) {
                LockHooks.readTryLocked(sync);
            }
        }
    }

    /** {@code ReadLock.unlock()}. */
    static final class ReadUnlock {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                LockHooks.readUnlock(sync);
            }
        }
    }

    /** {@code WriteLock.lock()}/{@code lockInterruptibly()}. */
    static final class WriteAcquire {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("sync") Object sync) {
            LockHooks.writeLock(sync);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                LockHooks.lockFailed(sync);
            }
        }
    }

    /** {@code WriteLock.tryLock(..)}. */
    static final class WriteTry {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Return boolean locked) {
            if (locked) {
                LockHooks.writeTryLocked(sync);
            }
        }
    }

    /** {@code WriteLock.unlock()}. */
    static final class WriteUnlock {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                LockHooks.writeUnlock(sync);
            }
        }
    }

    /** {@code WriteLock.newCondition()}. */
    static final class WriteCondition {
        @Advice.OnMethodExit
        static void exit(@Advice.FieldValue("sync") Object sync, @Advice.Return Object condition) {
            LockHooks.conditionCreated(condition, sync);
        }
    }

    /** {@code StampedLock.writeLock()}/{@code writeLockInterruptibly()}. */
    static final class StampedWrite {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object lock) {
            LockHooks.stampedWrite(lock);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                LockHooks.lockFailed(lock);
            }
        }
    }

    /** {@code StampedLock.readLock()}/{@code readLockInterruptibly()}. */
    static final class StampedRead {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object lock) {
            LockHooks.stampedRead(lock);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                LockHooks.lockFailed(lock);
            }
        }
    }

    /** {@code StampedLock.tryWriteLock(..)}. */
    static final class StampedTryWrite {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Return long stamp) {
            LockHooks.stampedTryWrite(lock, stamp);
        }
    }

    /** {@code StampedLock.tryReadLock(..)}. */
    static final class StampedTryRead {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Return long stamp) {
            LockHooks.stampedTryRead(lock, stamp);
        }
    }

    /** {@code StampedLock.unlockWrite(stamp)} and the write view's unlock: by any thread holding the stamp. */
    static final class StampedUnlockWrite {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                LockHooks.stampedUnlockWrite(lock);
            }
        }
    }

    /** {@code StampedLock.unlockRead(stamp)} and the read view's unlock: by any thread holding the stamp. */
    static final class StampedUnlockRead {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                LockHooks.stampedUnlockRead(lock);
            }
        }
    }

    /** {@code StampedLock.tryConvertToWriteLock(stamp)}. */
    static final class StampedConvertToWrite {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Argument(0) long stamp, @Advice.Return long result) {
            LockHooks.stampedConvertedToWrite(lock, stamp, result);
        }
    }

    /** {@code StampedLock.tryConvertToReadLock(stamp)}. */
    static final class StampedConvertToRead {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Argument(0) long stamp, @Advice.Return long result) {
            LockHooks.stampedConvertedToRead(lock, stamp, result);
        }
    }

    /** {@code StampedLock.tryConvertToOptimisticRead(stamp)}. */
    static final class StampedConvertToOptimistic {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Argument(0) long stamp, @Advice.Return long result) {
            LockHooks.stampedConvertedToOptimistic(lock, stamp, result);
        }
    }

    /** {@code StampedLock.tryUnlockWrite()}. */
    static final class StampedTryUnlockWrite {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Return boolean released) {
            LockHooks.stampedTryUnlock(lock, released, true);
        }
    }

    /** {@code StampedLock.tryUnlockRead()}. */
    static final class StampedTryUnlockRead {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Return boolean released) {
            LockHooks.stampedTryUnlock(lock, released, false);
        }
    }

    /**
     * {@code ConditionObject.await()}/{@code awaitUninterruptibly()}: the lock is released while waiting and
     * held again after; the wait is for the condition's signal (an event, {@link EventHooks}).
     */
    static final class ConditionAwait {
        @Advice.OnMethodEnter
        static int enter(@Advice.This Object condition) {
            int saved = LockHooks.awaitRelease(condition);
            EventHooks.conditionWait(condition, false, saved);
            return saved;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object condition, @Advice.Enter int saved) {
            LockHooks.awaitReacquire(condition, saved);
        }
    }

    /** {@code ConditionObject.await(t, u)}/{@code awaitNanos}/{@code awaitUntil}: the same, with a timeout. */
    static final class ConditionAwaitTimed {
        @Advice.OnMethodEnter
        static int enter(@Advice.This Object condition) {
            int saved = LockHooks.awaitRelease(condition);
            EventHooks.conditionWait(condition, true, saved);
            return saved;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object condition, @Advice.Enter int saved) {
            LockHooks.awaitReacquire(condition, saved);
        }
    }

    /** Instance {@code synchronized} methods: the JVM holds the monitor when this runs (post-acquire). */
    static final class SyncMethod {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self) {
            MonitorHooks.syncMethodEnter(self);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self) {
            MonitorHooks.syncMethodExit(self);
        }
    }

    /** Static {@code synchronized} methods: the monitor is the {@code Class}. */
    static final class StaticSyncMethod {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin Class<?> type) {
            MonitorHooks.syncMethodEnter(type);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Origin Class<?> type) {
            MonitorHooks.syncMethodExit(type);
        }
    }

    /** {@code Shutdown.exit(status)}: finish reporting first; {@code onCycle=exit} may change the status. */
    static final class ShutdownExit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) int status) {
            status = ExitHooks.beforeExit(status);
        }
    }

    /** {@code Thread.dispatchUncaughtException}: a thread dies of an exception (main's sets the exit status). */
    static final class UncaughtException {
        @Advice.OnMethodEnter
        static void enter() {
            ExitHooks.uncaughtException();
        }
    }

    /** {@code Shutdown.shutdown()}: {@code main} returned; finish reporting first. */
    static final class ShutdownReturn {
        @Advice.OnMethodEnter
        static void enter() {
            ExitHooks.beforeShutdown();
        }
    }
}
