package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;

/** Lock classes of {@code Class} objects used as monitors ({@code synchronized (Registry.class)}): {@code class com.acme.Registry}. */
final class ClassObjectClasses extends ClassValue<LockClass> {
    private final Lockdep engine;

    ClassObjectClasses(Lockdep engine) {
        this.engine = engine;
    }

    @Override
    protected LockClass computeValue(Class<?> type) {
        return engine.lockClass("class " + type.getTypeName());
    }
}
