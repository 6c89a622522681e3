package io.jlockdep.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlockdep.junit5.samples.BeforeAllSample;
import io.jlockdep.junit5.samples.CleanSample;
import io.jlockdep.junit5.samples.InversionSample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The extension in a JVM without the agent: run by the {@code without-agent} Surefire executions only, once
 * with no jlockdep class on the class path ({@code jlockdep.test.api=absent}) and once with the API classes
 * there but inactive ({@code inactive}). Names no jlockdep API class, which may be missing here.
 */
class WithoutAgentTest {
    @Test
    void warnsOnceAndTestsRunNormally() throws Exception {
        String api = System.getProperty("jlockdep.test.api", "");
        if (api.equals("absent")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName("io.jlockdep.api.Jlockdep"));
        } else {
            assertEquals("inactive", api, "run by the without-agent Surefire executions only");
            Object active = Class.forName("io.jlockdep.api.Jlockdep").getMethod("isActive").invoke(null);
            assertFalse((Boolean) active);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Samples inversion;
        Samples clean;
        Samples beforeAll;
        Samples autoDetected;
        try {
            inversion = Samples.run(InversionSample.class);
            clean = Samples.run(CleanSample.class);
            beforeAll = Samples.run(BeforeAllSample.class);
            autoDetected = Samples.runAutoDetected(InversionSample.class);
        } finally {
            System.setErr(original);
        }

        for (Samples run : List.of(inversion, clean, beforeAll, autoDetected)) {
            assertEquals(Map.of(), run.failedTests());
            assertEquals(Map.of(), run.failedContainers());
        }
        assertEquals(2 + 3 + 2 + 2, inversion.succeededTests() + clean.succeededTests() + beforeAll.succeededTests()
                + autoDetected.succeededTests());
        List<String> jlockdepLines = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("jlockdep")).collect(Collectors.toList());
        assertEquals(List.of("jlockdep: the agent is not attached, tests run unchecked; add"
                + " -javaagent:path/to/jlockdep-agent.jar to the test JVM (see jlockdep's docs/junit.md)"), jlockdepLines);
        assertEquals(Agent.NOT_ATTACHED, jlockdepLines.get(0));
    }
}
