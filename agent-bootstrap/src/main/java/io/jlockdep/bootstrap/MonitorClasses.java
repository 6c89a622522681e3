package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;

/**
 * Lock classes named after a type, computed once per type: {@code monitor com.acme.Account} for the
 * monitors of a runtime type, {@code class com.acme.Registry} for the {@code Class} object used as a
 * monitor. {@code ClassValue} reads take no lock and {@code java.lang} is never instrumented.
 */
final class MonitorClasses extends ClassValue<LockClass> {
    private final Lockdep engine;
    private final String prefix;

    MonitorClasses(Lockdep engine, String prefix) {
        this.engine = engine;
        this.prefix = prefix;
    }

    /** Not cached by ClassValue: the hook that asked gives up, and the next one computes again. */
    private static final RuntimeException BUSY = new IllegalStateException("engine busy on this thread");

    @Override
    protected LockClass computeValue(Class<?> type) {
        if (engine.isCurrentThreadBusy()) {
            // Inside the engine (creating a class takes the class map's locks): computing now would
            // recurse through this very ClassValue. Such locks are not tracked anyway.
            throw BUSY;
        }
        return engine.lockClass(prefix + type.getTypeName());
    }
}
