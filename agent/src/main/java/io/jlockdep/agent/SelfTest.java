package io.jlockdep.agent;

import io.jlockdep.agent.instrument.Scope;
import io.jlockdep.core.Lockdep;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Vector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Checks, right after installation, that the JDK's locks really reach the engine: a transformation that
 * silently failed (an unsupported class-file version, a shading mistake) must stop the JVM, not leave
 * the user believing the program is checked.
 */
final class SelfTest {
    private SelfTest() {
    }

    /** Null when everything took, else what did not. */
    static String run(Lockdep engine, Scope scope) {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try {
            if (!engine.isHeld(lock)) {
                return "ReentrantLock.lock() is not instrumented";
            }
        } finally {
            lock.unlock();
        }
        if (engine.isHeld(lock)) {
            return "ReentrantLock.unlock() is not instrumented";
        }
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.readLock().lock();
        try {
            if (engine.depth() != 1) {
                return "ReentrantReadWriteLock.ReadLock.lock() is not instrumented";
            }
        } finally {
            rw.readLock().unlock();
        }
        if (engine.depth() != 0) {
            return "ReentrantReadWriteLock.ReadLock.unlock() is not instrumented";
        }
        if (scope.rewrites("java.util.Vector")) {
            Vector<Object> vector = new Vector<>();
            Probe probe = new Probe(engine, vector);
            vector.addAll(0, probe);
            if (!probe.sawHeld) {
                return "synchronized methods of java.util.Vector are not instrumented";
            }
        }
        if (scope.rewrites("java.util.Collections$SynchronizedCollection")) {
            List<Object> list = Collections.synchronizedList(new ArrayList<>());
            Probe probe = new Probe(engine, list);
            list.addAll(probe);
            if (!probe.sawHeld) {
                return "synchronized blocks of java.util.Collections are not instrumented";
            }
        }
        return engine.depth() == 0 ? null : "held locks left over after the self-test";
    }

    /** A collection whose copy is taken while the monitor under test is held. */
    private static final class Probe extends AbstractCollection<Object> {
        private final Lockdep engine;
        private final Object monitor;
        boolean sawHeld;

        Probe(Lockdep engine, Object monitor) {
            this.engine = engine;
            this.monitor = monitor;
        }

        @Override
        public Object[] toArray() {
            sawHeld |= engine.isHeld(monitor);
            return new Object[0];
        }

        @Override
        public Iterator<Object> iterator() {
            sawHeld |= engine.isHeld(monitor);
            return Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
