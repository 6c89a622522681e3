package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.LateFinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code PotentialDeadlock} event of a real run under the agent ({@code jfr=}) carries a JFR stack trace,
 * the acquiring thread's at the acquisition that closed the cycle, so JDK Mission Control's stack trace view
 * and flame graph show where it happened: read back with {@link RecordingFile#readAllEvents} and
 * {@link RecordedEvent#getStackTrace()}.
 */
class JfrStackTraceIT {
    private static final Class<?> P = LateFinding.class;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void potentialDeadlockHasTheAcquisitionsJfrStackTrace(Jvm jvm) throws IOException {
        jvm.assumeAvailable();
        // The program waits for the agent's recording: a finding made before it has started (JFR's start-up runs
        // on the reporter thread, slow on a busy machine) is committed later by that thread (docs/agent.md).
        RunResult r = Fork.program(P).on(jvm).jfr().label("LateFinding-jdk" + jvm.feature()).run().assertExit(0);
        Finding f = r.jfr().single("circular", "ReentrantLock " + P.getName() + ".FIRST",
                "ReentrantLock " + P.getName() + ".SECOND");
        String line = fileLine(P, "closes-cycle");

        RecordedEvent event = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(r.jfrFile())) {
            if (e.getEventType().getName().equals(JfrData.FINDING_EVENT) && f.cycleId().equals(e.getString("cycleId"))) {
                event = e;
            }
        }
        assertNotNull(event, "the event of " + f + r.describe());
        assertEquals("closer", event.getThread().getJavaName(), "committed on the acquiring thread");
        assertNotNull(event.getStackTrace(), "a JFR stack trace");
        List<String> frames = new ArrayList<>();
        for (RecordedFrame fr : event.getStackTrace().getFrames()) {
            frames.add(fr.getMethod().getType().getName() + "." + fr.getMethod().getName() + ":" + fr.getLineNumber());
        }
        // The agent's own frames (JFR sink, reporter, engine, hook) on top, then the program's acquisition.
        assertTrue(frames.get(0).startsWith("io.jlockdep.agent.report."), frames.toString());
        assertTrue(frames.stream().anyMatch(fr -> fr.startsWith("io.jlockdep.core.Lockdep.")), frames.toString());
        String lineNo = line.substring(line.indexOf(':') + 1);
        assertTrue(frames.stream().anyMatch(fr -> fr.startsWith(P.getName() + ".") && fr.endsWith(":" + lineNo)),
                "the acquisition at " + line + " in " + frames);
        // The text field has the same acquisition, without the agent's frames.
        assertTrue(f.acquisitionStack().contains("(" + line + ")"), f.acquisitionStack());
        assertFalse(f.acquisitionStack().contains("io.jlockdep.agent."), f.acquisitionStack());
        assertFalse(f.acquisitionStack().contains("io.jlockdep.core."), f.acquisitionStack());
    }
}
