package io.jlockdep.demo.gpu;

/** The error a job's fences carry when the timeout handler gave up on it and reset the GPU. */
public final class JobTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Job {@code job} ran for more than {@code millis} ms. */
    public JobTimeoutException(Job job, long millis) {
        super(job + " timed out after " + millis + " ms on the hardware; the GPU was reset");
    }
}
