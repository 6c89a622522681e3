package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.NamelessClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A class defined with {@code defineClass(null, ..)} reaches the agent's transformer without a name; it is
 * instrumented under the name its class file declares, so its inversion is found.
 */
class NamelessClassIT {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void inversionInANamelessClassIsFound(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(NamelessClass.class).on(jvm).jfr().args("nameless-inversion").run().assertExit(0);
        String inverter = NamelessClass.Inverter.class.getName();
        assertEquals(inverter, r.value("DEFINED"), r::describe);
        Finding f = r.jfr().single("circular", inverter + ".A", inverter + ".B");
        assertEquals("b-then-a", f.thread());
        assertEquals(1, r.jfr().findings().size(), r.jfr()::describeFindings);
    }
}
