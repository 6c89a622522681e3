package io.jlockdep.bootstrap;

import io.jlockdep.core.Lockdep;
import jdk.internal.vm.annotation.DontInline;

/**
 * What instrumented code calls right after the constructor of an object that may be used as a lock: the
 * {@code j.u.c} locks, {@code new Object()}, the JDK's monitor types and application types (see
 * {@link MonitorTypes} for which are named; the others return at once). {@code BytecodeRewriter} passes the
 * site's name and its source line as constants, so no stack walk happens here; {@link SiteClasses} forms the
 * class from them and the owner. The hooks are {@code @DontInline}: inlined, their type test and naming were compiled
 * into every constructor and method that allocates (docs/agent.md).
 */
public final class AllocationHooks {
    private AllocationHooks() {
    }

    /**
     * Allocated with no owner: in static code, before {@code super()}, or stored into a static field.
     *
     * @param name  {@code Kind@Declaring.method#n} or, for a static field, {@code Kind Declaring.FIELD}
     * @param where the source position, e.g. {@code com.acme.Bank.<clinit>(Bank.java:5)}
     */
    @DontInline
    public static void allocated(Object o, String name, String where) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null) {
            return;
        }
        try {
            // the type test first: most allocations are of types never named, and it is the cheaper test
            if (LockNames.noted(o) && !e.isCurrentThreadBusy()) {
                LockNames.allocated(o, name, where, name.indexOf('@') < 0);
            }
        } catch (Throwable ignored) {
            // unnamed: falls back to the type
        }
    }

    /** Allocated in an instance method (or constructor, after {@code super()}) of {@code owner}. */
    @DontInline
    public static void allocatedBy(Object o, Object owner, String name, String where) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null || owner == null) {
            return;
        }
        try {
            // the type test first: most allocations are of types never named, and it is the cheaper test
            if (LockNames.noted(o) && !e.isCurrentThreadBusy()) {
                LockNames.allocatedBy(o, owner, name, where);
            }
        } catch (Throwable ignored) {
            // unnamed: falls back to the type
        }
    }

    /**
     * Allocated and stored at once into an instance field of {@code holder}.
     *
     * @param site {@code "Kind .field"}: the name is completed with the holder's runtime type
     */
    @DontInline
    public static void stored(Object holder, Object o, String site, String where) {
        Lockdep e = EngineHolder.engine;
        if (e == null || o == null || holder == null) {
            return;
        }
        try {
            // the type test first: most allocations are of types never named, and it is the cheaper test
            if (LockNames.noted(o) && !e.isCurrentThreadBusy()) {
                LockNames.stored(holder, o, site, where);
            }
        } catch (Throwable ignored) {
            // unnamed: falls back to the type
        }
    }
}
