package io.jlockdep.demo.scenario;

import io.jlockdep.demo.everyday.BankInversion;
import io.jlockdep.demo.everyday.FutureUnderLock;
import io.jlockdep.demo.everyday.LatchUnderLock;
import io.jlockdep.demo.everyday.NestedMonitorLockout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every scenario, by name, in the order {@code list} prints them: the driver stack's (part 1), then everyday
 * Java's (part 2).
 */
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
                FullStack.scenario(),
                BankInversion.mistake(), BankInversion.fixed(),
                FutureUnderLock.mistake(), FutureUnderLock.fixed(),
                NestedMonitorLockout.mistake(), NestedMonitorLockout.fixed(),
                LatchUnderLock.mistake(), LatchUnderLock.fixed());
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

    /**
     * Every scenario: the driver stack's mistakes each followed by its fixed twin, then the full stack; then
     * everyday Java's mistakes, each followed by its fixed twin.
     */
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
     * The order of the guided tour, part by part: the driver stack's full stack first, then each of its bug
     * classes with its correct version before the mistake; then everyday Java's, the same way — so that every
     * clean run is judged against a lock graph that does not contain the mistake it is the fix of.
     */
    public static List<Scenario> tourOrder() {
        List<Scenario> out = new ArrayList<>();
        for (Scenario.Part part : Scenario.Part.values()) {
            out.addAll(tourOrder(part));
        }
        return out;
    }

    /** The part of {@link #tourOrder()} that is {@code part}'s. */
    public static List<Scenario> tourOrder(Scenario.Part part) {
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : BY_NAME.values()) {
            if (s.part() == part && s.expected() == Scenario.Expected.CLEAN && byName(fixOf(s)) == null) {
                out.add(s);
            }
        }
        for (Scenario s : BY_NAME.values()) {
            if (s.part() == part && s.expected() == Scenario.Expected.INVERSION) {
                out.add(byName(s.name() + "-fixed"));
                out.add(s);
            }
        }
        return out;
    }

    /** The mistake {@code s} would be the fix of, by name. */
    private static String fixOf(Scenario s) {
        return s.name().endsWith("-fixed") ? s.name().substring(0, s.name().length() - "-fixed".length()) : "";
    }
}
