package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;

/**
 * Lock classes of monitors ({@code synchronized}) by the object's runtime type, computed once per type:
 * {@code monitor com.acme.Account}. {@code ClassValue} is unsynchronised on reads and is not instrumented.
 */
final class MonitorClasses extends ClassValue<LockClass> {
    private final Lockdep engine;

    MonitorClasses(Lockdep engine) {
        this.engine = engine;
    }

    @Override
    protected LockClass computeValue(Class<?> type) {
        return engine.lockClass("monitor " + type.getTypeName());
    }
}
