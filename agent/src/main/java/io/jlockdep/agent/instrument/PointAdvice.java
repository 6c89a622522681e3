package io.jlockdep.agent.instrument;

import io.jlockdep.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the fence core's points ({@code io.jlockdep.fence.LockdepPoints}, empty methods without the
 * agent) and for user-declared wait points and signalling sections.
 */
final class PointAdvice {
    private PointAdvice() {
    }

    static final class SignallingBegin {
        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) boolean cookie) {
            cookie = Hooks.signallingBegin();
        }
    }

    static final class SignallingEnd {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) boolean cookie) {
            Hooks.signallingEnd(cookie);
        }
    }

    static final class FenceWait {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.fenceWait();
        }
    }

    static final class AcquireContextInit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object ctx, @Advice.Argument(1) String wwClass) {
            Hooks.acquireContextInit(ctx, wwClass);
        }
    }

    static final class AcquireContextFini {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object ctx) {
            Hooks.acquireContextFini(ctx);
        }
    }

    static final class WwLock {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String wwClass,
                          @Advice.Argument(2) Object ctx) {
            Hooks.wwLock(mutex, wwClass, ctx);
        }
    }

    static final class WwInit {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String name) {
            Hooks.wwInit(mutex, name);
        }
    }

    static final class WwLockFailed {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex) {
            Hooks.wwLockFailed(mutex);
        }
    }

    static final class WwTryLocked {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex, @Advice.Argument(1) String wwClass) {
            Hooks.wwTryLocked(mutex, wwClass);
        }
    }

    static final class WwUnlock {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) Object mutex) {
            Hooks.wwUnlock(mutex);
        }
    }

    static final class ReclaimEnter {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.reclaimEnter();
        }
    }

    static final class ReclaimExit {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.reclaimExit();
        }
    }

    static final class MightReclaim {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.mightReclaim();
        }
    }

    static final class InvalidationEnter {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.invalidationEnter();
        }
    }

    static final class InvalidationExit {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.invalidationExit();
        }
    }

    static final class MightInvalidate {
        @Advice.OnMethodEnter
        static void enter() {
            Hooks.mightInvalidate();
        }
    }

    /** A user-declared signalling section or signal point: the body runs holding the map shared. */
    static final class Section {
        @Advice.OnMethodEnter
        static boolean enter(@Advice.Origin("#t.#m#d") String origin) {
            return Hooks.sectionEnter(origin);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Origin("#t.#m#d") String origin, @Advice.Enter boolean cookie) {
            Hooks.sectionExit(origin, cookie);
        }
    }

    /** A user-declared wait point: probes the map exclusively before the body runs. */
    static final class Wait {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t.#m#d") String origin) {
            Hooks.waitPoint(origin);
        }
    }
}
