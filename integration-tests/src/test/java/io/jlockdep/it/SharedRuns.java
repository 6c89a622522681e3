package io.jlockdep.it;

import io.jlockdep.it.programs.AllClean;
import io.jlockdep.it.programs.LockTypes;
import io.jlockdep.it.programs.Policies;

/** Program runs whose results several test classes check (one JVM per JDK each). */
public final class SharedRuns {
    private SharedRuns() {
    }

    /** Every scenario of {@link LockTypes}, default options, with JFR. */
    public static final String[] LOCK_TYPE_SCENARIOS = {
        "rl-inversion", "sync-vs-rl", "object-monitor", "sync-methods", "static-sync", "rrw-read-write",
        "rrw-read-read", "rw-upgrade", "stamped", "wait-holding-other", "await-holding-other", "hostile-objects",
    };

    private static final Memo<Jvm, RunResult> LOCK_TYPES = new Memo<>(jvm -> Fork.program(LockTypes.class).on(jvm)
            .jfr().args(LOCK_TYPE_SCENARIOS).label("LockTypes-all-" + jvm.feature()).run());

    /** {@link LockTypes}, all scenarios, default options, JFR. */
    public static RunResult lockTypes(Jvm jvm) {
        return LOCK_TYPES.get(jvm);
    }

    /** Both inversions of {@link Policies}, default options, JFR: the reference for suppress and stable ids. */
    private static final Memo<Jvm, RunResult> POLICIES = new Memo<>(jvm -> Fork.program(Policies.class).on(jvm)
            .jfr().args("inversion", "second-inversion").label("Policies-base-" + jvm.feature()).run());

    public static RunResult policies(Jvm jvm) {
        return POLICIES.get(jvm);
    }

    /** The scenarios {@link AllClean} runs. */
    public static final String[] CLEAN_SCENARIOS = {
        "trylock-reverse", "trylock-inner", "rrw-downgrade", "stamped-clean", "wait-clean", "await-clean",
        "ordered-same-class", "fixed-wait-unlocked", "fixed-reserve-before-publish", "annotated-clean",
        "option-points", "synchronized-list-equals",
    };

    private static final Memo<Jvm, RunResult> CLEAN = new Memo<>(jvm -> Fork.program(AllClean.class).on(jvm)
            .agent("edges=on").jfr().args(CLEAN_SCENARIOS).label("AllClean-" + jvm.feature()).run());

    /** {@link AllClean} with {@code edges=on} and JFR. */
    public static RunResult clean(Jvm jvm) {
        return CLEAN.get(jvm);
    }
}
