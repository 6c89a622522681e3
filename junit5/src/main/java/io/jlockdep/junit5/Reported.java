package io.jlockdep.junit5;

/**
 * A finding as this extension uses it: plain strings and the closing acquisition's stack, copied from the
 * agent's {@code io.jlockdep.core.Finding} by {@link LiveAgent}, so that no other class here links to the
 * agent's classes. Immutable.
 */
final class Reported {
    final String kind;
    final String lockClasses;
    final String cycleId;
    final String report;
    final StackTraceElement[] stack;
    /** {@code witnessed} or {@code class-only}. */
    final String evidence;
    /** The class of the lock instance held on every edge (reported with {@code gated=report}), or null. */
    final String gatedBy;

    Reported(String kind, String lockClasses, String cycleId, String report, StackTraceElement[] stack,
             String evidence, String gatedBy) {
        this.kind = kind;
        this.lockClasses = lockClasses;
        this.cycleId = cycleId;
        this.report = report;
        this.stack = stack;
        this.evidence = evidence;
        this.gatedBy = gatedBy;
    }

    /**
     * One line: {@code circular A -> B -> A (class-only; cycle id 7f4baf92884d54f5)}, with
     * {@code witnessed, gated by G} for the evidence of a gated cycle.
     */
    String summary() {
        return kind + " " + lockClasses + " (" + evidence + (gatedBy == null ? "" : ", gated by " + gatedBy)
                + "; cycle id " + cycleId + ")";
    }
}
