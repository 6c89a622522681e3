package io.jlockdep.it.programs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The correct scenarios of several programs in one JVM (nothing may be reported): clean locking, the
 * fixed fence twins, a clean user-declared map, and the option-declared points without the options.
 */
public final class AllClean {
    private AllClean() {
    }

    public static void main(String[] args) {
        Map<String, Prog.Scenario> all = new LinkedHashMap<>();
        all.putAll(CleanLocking.scenarios());
        all.putAll(Fences.scenarios());
        all.putAll(UserPoints.scenarios());
        all.putAll(JdkInversions.scenarios());
        Prog.run(args, all);
    }
}
