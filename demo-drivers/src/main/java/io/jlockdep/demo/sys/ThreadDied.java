package io.jlockdep.demo.sys;

/**
 * A driver thread (or a user thread of a scenario) ended with an exception; thrown to whoever waits for
 * its work, with the original as the cause. The thread's name tells where it happened.
 */
public final class ThreadDied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String threadName;

    /** Thread {@code threadName} died of {@code cause}. */
    public ThreadDied(String threadName, Throwable cause) {
        super("thread \"" + threadName + "\" died: " + cause, cause);
        this.threadName = threadName;
    }

    /** The name of the thread that died. */
    public String threadName() {
        return threadName;
    }
}
