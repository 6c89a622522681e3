package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.FenceHooks;
import io.jlockdep.bootstrap.UserPointHooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the fence core's points ({@code io.jlockdep.fence.LockdepPoints}, empty methods without the
 * agent; to {@link FenceHooks}) and for user-declared wait points and signalling sections (to
 * {@link UserPointHooks}).
 */
final class PointAdvice {
    private PointAdvice() {
    }

    static final class SignallingBegin {
        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) boolean cookie) {
            cookie = FenceHooks.signallingBegin();
        }
    }

    static final class SignallingEnd {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) boolean cookie) {
            FenceHooks.signallingEnd(cookie);
        }
    }

    static final class FenceWait {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.fenceWait();
        }
    }

    static final class AcquireContextInit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object ctx, @Advice.Argument(1) String wwClass) {
            FenceHooks.acquireContextInit(ctx, wwClass);
        }
    }

    static final class AcquireContextFini {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object ctx) {
            FenceHooks.acquireContextFini(ctx);
        }
    }

    static final class WwLock {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String wwClass,
                          @Advice.Argument(2) Object ctx) {
            FenceHooks.wwLock(mutex, wwClass, ctx);
        }
    }

    static final class WwInit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String name) {
            FenceHooks.wwInit(mutex, name);
        }
    }

    static final class WwLockFailed {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex) {
            FenceHooks.wwLockFailed(mutex);
        }
    }

    static final class WwTryLocked {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String wwClass) {
            FenceHooks.wwTryLocked(mutex, wwClass);
        }
    }

    static final class WwUnlock {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex) {
            FenceHooks.wwUnlock(mutex);
        }
    }

    static final class ReclaimEnter {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.reclaimEnter();
        }
    }

    static final class ReclaimExit {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.reclaimExit();
        }
    }

    static final class MightReclaim {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.mightReclaim();
        }
    }

    static final class InvalidationEnter {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.invalidationEnter();
        }
    }

    static final class InvalidationExit {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.invalidationExit();
        }
    }

    static final class MightInvalidate {
        @Advice.OnMethodEnter
        static void enter() {
            FenceHooks.mightInvalidate();
        }
    }

    /** A user-declared signalling section or signal point: the body runs holding the map shared. */
    static final class Section {
        @Advice.OnMethodEnter
        static boolean enter(@Advice.Origin("#t.#m#d") String origin) {
            return UserPointHooks.sectionEnter(origin);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Origin("#t.#m#d") String origin, @Advice.Enter boolean cookie) {
            UserPointHooks.sectionExit(origin, cookie);
        }
    }

    /** A user-declared wait point: probes the map exclusively before the body runs. */
    static final class Wait {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m#d") String origin) {
            UserPointHooks.waitPoint(origin);
        }
    }
}
