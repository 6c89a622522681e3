package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.MockedMonitors;
import io.jlockdep.it.programs.NamedObjects;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Objects of an application class with {@code synchronized} methods keep their class in a field the agent adds
 * as the class loads, not in the hooks' weak table: they are still named by the field they were stored into
 * (also through a subclass), a hundred thousand of them alive leave the table as it was, and the class stays
 * compatible with itself uninstrumented — same default {@code serialVersionUID}, and an object it serialized
 * reads back in this JVM, where no agent runs. A class redefined after it loaded (Mockito's inline mocks, a debugger's hot swap) keeps it.
 */
class NameFieldIT {
    private static final int COUNT = 100_000;
    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(NamedObjects.class).on(jvm)
            .jfr().args("account.ser", String.valueOf(COUNT)).label("NamedObjects-" + jvm.feature()).run());

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void objectsNamedThroughTheFieldAreClassedByTheFieldTheyWereStoredInto(Jvm jvm) {
        jvm.assumeAvailable();
        JfrData jfr = RUNS.get(jvm).assertExit(0).jfr();
        Finding f = jfr.single("circular", "NamedObjects$Bank.checking", "NamedObjects$Bank.savings");
        assertEquals(2, f.length(), f::toString);
        assertEquals(1, jfr.findings().size(), jfr::describeFindings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void liveObjectsOfAMonitorTypeLeaveTheTableAsItWas(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = RUNS.get(jvm).assertExit(0);
        int growth = Integer.parseInt(r.value("KNOWN_GROWTH"));
        assertTrue(growth < 100, () -> "the hooks' table grew by " + growth + " while " + COUNT
                + " accounts were alive" + r.describe());
        assertEquals("private transient $jlockdep$class", r.value("ADDED"), r::describe);
    }

    /**
     * A class with the field, redefined after it loaded: by Mockito's inline mock maker, by a plain
     * retransformation, by a redefinition with its compiled class file. A redefinition cannot drop a field, so the
     * agent adds it again each time. Mocks and spies work, and the objects allocated before keep their classes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aRedefinedClassKeepsItsField(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(MockedMonitors.class).on(jvm).withLibraries().jfr().run().assertExit(0);
        assertEquals("7", r.value("MOCKED"), r::describe);
        assertEquals("3", r.value("SPIED"), r::describe);
        assertEquals("true", r.value("REDEFINED"), r::describe);
        JfrData jfr = r.jfr();
        jfr.single("circular", "NamedObjects$Account@io.jlockdep.it.programs.MockedMonitors.main#1",
                "MockedMonitors$Teller@io.jlockdep.it.programs.MockedMonitors.main#1");
        assertEquals(1, jfr.findings().size(), jfr::describeFindings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theFieldLeavesSerializationAsItWas(Jvm jvm) throws Exception {
        jvm.assumeAvailable();
        RunResult r = RUNS.get(jvm).assertExit(0);
        long here = ObjectStreamClass.lookup(NamedObjects.Account.class).getSerialVersionUID();
        assertEquals(String.valueOf(here), r.value("SUID"), r::describe);
        Path file = r.dir().resolve("account.ser"); // written relative to the program's working directory
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            NamedObjects.Account back = (NamedObjects.Account) objects.readObject();
            assertEquals(42, back.balance());
        }
    }
}
