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

    Reported(String kind, String lockClasses, String cycleId, String report, StackTraceElement[] stack) {
        this.kind = kind;
        this.lockClasses = lockClasses;
        this.cycleId = cycleId;
        this.report = report;
        this.stack = stack;
    }

    /** One line: {@code circular A -> B -> A (cycle id 7f4baf92884d54f5)}. */
    String summary() {
        return kind + " " + lockClasses + " (cycle id " + cycleId + ")";
    }
}
