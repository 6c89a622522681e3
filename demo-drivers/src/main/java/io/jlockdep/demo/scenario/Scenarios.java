package io.jlockdep.demo.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario, by name, in the order {@code list} prints them. */
public final class Scenarios {
    private static final Map<String, Scenario> BY_NAME;

    static {
        List<Scenario> all = List.of(
                WaitUnderLock.mistake(), WaitUnderLock.fixed(),
                ResvInCommitTail.mistake(), ResvInCommitTail.fixed(),
                ReclaimInScheduler.mistake(), ReclaimInScheduler.fixed(),
                ResetTakesModesetLocks.mistake(), ResetTakesModesetLocks.fixed(),
                AllocUnderShrinkerLock.mistake(), AllocUnderShrinkerLock.fixed(),
                MultiBoNoCtx.mistake(), MultiBoNoCtx.fixed(),
                FenceCallbackLock.mistake(), FenceCallbackLock.fixed(),
                FullStack.scenario());
        Map<String, Scenario> m = new LinkedHashMap<>();
        for (Scenario s : all) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalStateException("two scenarios named " + s.name());
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Scenarios() {
    }

    /** Every scenario: each mistake followed by its fixed twin, then the full stack. */
    public static List<Scenario> all() {
        return new ArrayList<>(BY_NAME.values());
    }

    /** The scenario named {@code name}, or null. */
    public static Scenario byName(String name) {
        return BY_NAME.get(name);
    }

    /** The names, in list order. */
    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /**
     * The order of the guided tour: the full stack first, then each bug class with its correct version
     * before the mistake — so that every clean run is judged against a lock graph that does not contain the
     * mistake it is the fix of.
     */
    public static List<Scenario> tourOrder() {
        List<Scenario> out = new ArrayList<>();
        out.add(byName("full-stack"));
        for (Scenario s : BY_NAME.values()) {
            if (s.expected() == Scenario.Expected.INVERSION) {
                out.add(byName(s.name() + "-fixed"));
                out.add(s);
            }
        }
        return out;
    }
}
