package io.jlockdep.bootstrap;

import io.jlockdep.core.Finding;

/** Tells which findings the user asked not to hear about ({@code suppress=FILE}). Must never throw. */
public interface FindingFilter {
    /** Whether {@code finding} is suppressed. */
    boolean suppressed(Finding finding);
}
