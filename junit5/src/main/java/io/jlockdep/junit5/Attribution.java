package io.jlockdep.junit5;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * JVM-wide bookkeeping of who answers for which finding, and of the context label the agent stamps on new
 * dependency edges. The agent has one engine and one context per JVM, so this state is static too.
 *
 * <p>Findings are numbered by their index in the agent's list (which only grows). A {@link Scope} — a running
 * test or test class — {@linkplain #claim claims} the indices from its start to now that nobody claimed
 * before; a claimed index is never handed out again, so each finding fails at most one test or container,
 * also when tests run in parallel or the extension is registered twice.
 *
 * <p>The context is always the label of the scope opened last among those still open (set under the same lock
 * that keeps that list): exact when tests run one at a time, best-effort when they run in parallel.
 */
final class Attribution {
    private static final Object LOCK = new Object();
    private static final BitSet CLAIMED = new BitSet();
    private static final List<Scope> OPEN = new ArrayList<>();
    /** Where the last top-level test class's range ended: the next one's starts there. */
    private static int classWatermark;
    /** How many of the findings {@code suppress=} held back have been named in the output. */
    private static int suppressedWatermark;

    private Attribution() {
    }

    /** A test or test class in progress: its context label and the first finding index it answers for. */
    static final class Scope {
        final String label;
        final int start;
        final boolean topLevelClass;

        Scope(String label, int start, boolean topLevelClass) {
            this.label = label;
            this.start = start;
            this.topLevelClass = topLevelClass;
        }
    }

    /**
     * Where a top-level test class's range starts: where the previous one's ended, so that what happens
     * between two classes (the next class's static initializer, a per-class test instance's constructor) is
     * answered for by the next one.
     */
    static int topLevelClassStart() {
        synchronized (LOCK) {
            return classWatermark;
        }
    }

    /** Starts {@code scope}: its label becomes the agent's context. */
    static void open(Scope scope) {
        synchronized (LOCK) {
            OPEN.add(scope);
            Agent.setContext(scope.label);
        }
    }

    /** Ends {@code scope}: the context goes back to the label of the last scope still open, or none. */
    static void close(Scope scope) {
        synchronized (LOCK) {
            for (int i = OPEN.size() - 1; i >= 0; i--) {
                if (OPEN.get(i) == scope) {
                    OPEN.remove(i);
                    break;
                }
            }
            Agent.setContext(OPEN.isEmpty() ? null : OPEN.get(OPEN.size() - 1).label);
        }
    }

    /** One line per finding {@code suppress=} held back since the last call (JVM-wide: each is named once). */
    static List<String> newlySuppressed() {
        synchronized (LOCK) {
            List<String> lines = Agent.suppressedSince(suppressedWatermark);
            suppressedWatermark += lines.size();
            return lines;
        }
    }

    /**
     * The findings from {@code scope.start} to now that no other scope claimed, now claimed by this one. For a
     * top-level class, also moves the start of the next class's range to now.
     */
    static List<Reported> claim(Scope scope) {
        List<Reported> since = Agent.findingsSince(scope.start);
        List<Reported> mine = new ArrayList<>();
        synchronized (LOCK) {
            for (int i = 0; i < since.size(); i++) {
                int index = scope.start + i;
                if (!CLAIMED.get(index)) {
                    CLAIMED.set(index);
                    mine.add(since.get(i));
                }
            }
            if (scope.topLevelClass) {
                classWatermark = Math.max(classWatermark, scope.start + since.size());
            }
        }
        return mine;
    }
}
