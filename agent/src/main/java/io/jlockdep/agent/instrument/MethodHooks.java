package io.jlockdep.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hook calls woven into one method: on entry, before each normal return, and when an exception leaves
 * it. Immutable once built; the tables in {@link JdkHooks} and {@link ClassTransformer} share them.
 */
final class MethodHooks {
    final List<HookCall> entry;
    final List<HookCall> returned;
    final List<HookCall> thrown;

    private MethodHooks(List<HookCall> entry, List<HookCall> returned, List<HookCall> thrown) {
        this.entry = entry;
        this.returned = returned;
        this.thrown = thrown;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Entry hooks only. */
    static MethodHooks onEntry(HookCall... calls) {
        Builder b = builder();
        for (HookCall c : calls) {
            b.entry(c);
        }
        return b.build();
    }

    /** Hooks on normal return only (after the method did its work). */
    static MethodHooks onReturn(HookCall call) {
        return builder().returned(call).build();
    }

    /** The same hook on normal return and when an exception leaves the method. */
    static MethodHooks onExit(HookCall call) {
        return builder().exit(call).build();
    }

    /** The type of the local that entry saves for exit, or null when nothing is saved. */
    String savedType() {
        for (HookCall c : entry) {
            if (c.result == HookCall.Result.SAVE) {
                return c.savedType();
            }
        }
        return null;
    }

    /** Whether a return hook is passed the returned value (kept in a scratch local meanwhile). */
    boolean passesReturned() {
        for (HookCall c : returned) {
            if (c.uses(HookCall.Kind.RETURNED)) {
                return true;
            }
        }
        return false;
    }

    /** Both plans, entry hooks of this one first, exit hooks of this one last (it wraps the other). */
    MethodHooks around(MethodHooks inner) {
        if (inner == null) {
            return this;
        }
        if (savedType() != null && inner.savedType() != null) {
            throw new IllegalStateException("two plans save an entry value");
        }
        return new MethodHooks(concat(entry, inner.entry), concat(inner.returned, returned),
                concat(inner.thrown, thrown));
    }

    private static List<HookCall> concat(List<HookCall> a, List<HookCall> b) {
        List<HookCall> out = new ArrayList<>(a);
        out.addAll(b);
        return Collections.unmodifiableList(out);
    }

    static final class Builder {
        private final List<HookCall> entry = new ArrayList<>(2);
        private final List<HookCall> returned = new ArrayList<>(1);
        private final List<HookCall> thrown = new ArrayList<>(1);

        Builder entry(HookCall c) {
            entry.add(c);
            return this;
        }

        Builder returned(HookCall c) {
            returned.add(c);
            return this;
        }

        Builder thrown(HookCall c) {
            thrown.add(c);
            return this;
        }

        /** On normal return and on an exception alike. */
        Builder exit(HookCall c) {
            returned.add(c);
            thrown.add(c);
            return this;
        }

        MethodHooks build() {
            return new MethodHooks(Collections.unmodifiableList(new ArrayList<>(entry)),
                    Collections.unmodifiableList(new ArrayList<>(returned)),
                    Collections.unmodifiableList(new ArrayList<>(thrown)));
        }
    }
}
