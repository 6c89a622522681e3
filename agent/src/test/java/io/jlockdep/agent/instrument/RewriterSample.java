package io.jlockdep.agent.instrument;

import java.util.concurrent.locks.ReentrantLock;

/** Compiled by javac, rewritten in memory by {@link BytecodeRewriterTest}. Line numbers are asserted: keep them. */
public class RewriterSample {
    public final Object monitor = new Object();
    public final ReentrantLock lock = new ReentrantLock();
    public boolean sawHeldInBlock;
    public boolean sawHeldAfterWait;

    /** Returns whether the engine saw {@link #monitor} held inside the block (the test passes the check). */
    public void block(java.util.function.Predicate<Object> isHeld) {
        synchronized (monitor) {
            sawHeldInBlock = isHeld.test(monitor);
        }
    }

    public void blockThatThrows() {
        synchronized (monitor) {
            throw new IllegalStateException("inside");
        }
    }

    public void waitBriefly(java.util.function.Predicate<Object> isHeld) throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1);
            sawHeldAfterWait = isHeld.test(monitor);
        }
    }

    public Object[] unusedAllocations() {
        new Object();
        return new Object[] {new ReentrantLock(true), new StringBuilder("not a lock")};
    }

    public static ReentrantLock make() {
        return new ReentrantLock();
    }

    /** Task code made here: two lambdas and a method reference are tasks' code, the function is not. */
    public Object[] tasks() {
        Runnable first = () -> sawHeldInBlock = true;
        java.util.concurrent.Callable<Integer> second = () -> 2;
        Runnable reference = RewriterSample::make;
        java.util.function.Function<Integer, Integer> notATask = x -> x + 1;
        return new Object[] {first, second, reference, notATask};
    }
}
