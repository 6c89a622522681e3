package io.jlockdep.core;

/**
 * Decides which findings the user has accepted and must not hear about (the agent's {@code suppress=FILE}).
 * The engine asks it once per new cycle id, before the finding is recorded, returned to the caller or told
 * to the listener: a suppressed finding is only counted ({@link Statistics#suppressed()}), so every consumer
 * of the engine (log, JFR, the in-JVM API, {@code onCycle=throw}) sees the same stream.
 *
 * <p>Called on the acquiring thread, possibly while the engine holds its graph lock: an implementation must
 * be quick, must not take the program's locks, and should not throw (an exception counts as "not
 * suppressed").
 */
public interface FindingFilter {
    /** Suppresses nothing (the default). */
    FindingFilter NONE = new FindingFilter() {
        @Override
        public boolean suppressed(Finding finding) {
            return false;
        }

        @Override
        public String toString() {
            return "FindingFilter.NONE";
        }
    };

    /** Whether {@code finding} is accepted by the user and must not be reported. */
    boolean suppressed(Finding finding);
}
