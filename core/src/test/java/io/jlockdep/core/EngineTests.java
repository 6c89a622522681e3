package io.jlockdep.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Helpers shared by the engine's unit tests. */
final class EngineTests {
    private EngineTests() {
    }

    /** Runs {@code body} on a new platform thread of that name and waits; rethrows its failure. */
    static void onThread(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("thread " + name + " failed", failure.get());
        }
    }

    /** The type bits of the edge {@code from -> to} in the engine's graph, 0 if there is none. */
    static int edgeTypes(Lockdep ld, String from, String to) {
        for (GraphSnapshot.Edge e : ld.snapshot().edges()) {
            if (e.from().equals(from) && e.to().equals(to)) {
                return e.types();
            }
        }
        return 0;
    }

    /** Takes a fresh instance of {@code first}, then one of {@code second} (exclusively), releases both. */
    static Finding nest(Lockdep ld, LockClass first, LockClass second) {
        return nest(ld, first, Mode.EXCLUSIVE, second, Mode.EXCLUSIVE);
    }

    /** Takes a fresh instance of {@code first} in {@code m1}, then one of {@code second} in {@code m2}. */
    static Finding nest(Lockdep ld, LockClass first, Mode m1, LockClass second, Mode m2) {
        Object l1 = new Object();
        Object l2 = new Object();
        ld.acquire(l1, first, m1);
        Finding f = ld.acquire(l2, second, m2);
        ld.release(l2);
        ld.release(l1);
        return f;
    }

    /** How many of the engine's findings are of this kind. */
    static long count(Lockdep ld, FindingKind kind) {
        return count(ld.findings(), kind);
    }

    /** How many of these findings are of this kind. */
    static long count(List<Finding> findings, FindingKind kind) {
        return findings.stream().filter(f -> f.kind() == kind).count();
    }

    /** Takes {@code outer}, then {@code inner}, both of class {@code cls}, releases both; returns the inner acquisition's finding. */
    static Finding nestInstances(Lockdep ld, LockClass cls, Object outer, Object inner) {
        ld.acquire(outer, cls, Mode.EXCLUSIVE);
        Finding f = ld.acquire(inner, cls, Mode.EXCLUSIVE);
        ld.release(inner);
        ld.release(outer);
        return f;
    }
}
