package io.jlockdep.agent.report;

import io.jlockdep.core.Finding;

/**
 * Decides which findings are known and must not be reported (the agent's {@code suppress=FILE}). Called on
 * the reporter thread, never on the acquiring path, so an implementation may match patterns freely; it
 * must not block for long. An exception thrown here counts as "not suppressed".
 */
public interface FindingFilter {
    /** Suppresses nothing. */
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

    /**
     * Whether {@code finding} is known and must be neither logged nor recorded (it is counted in
     * {@link Reporter#suppressedCount()}).
     */
    boolean suppressed(Finding finding);
}
