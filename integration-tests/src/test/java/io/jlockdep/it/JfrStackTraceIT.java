package io.jlockdep.it;

import static io.jlockdep.it.Sources.fileLine;
import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.LockTypes;
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
    private static final Class<?> P = LockTypes.class;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void potentialDeadlockHasTheAcquisitionsJfrStackTrace(Jvm jvm) throws IOException {
        jvm.assumeAvailable();
        RunResult r = SharedRuns.lockTypes(jvm).assertExit(0);
        String a = site("ReentrantLock", P, "rlInversion", "rl-a");
        String b = site("ReentrantLock", P, "rlInversion", "rl-b");
        Finding f = r.jfr().single("circular", a, b);

        RecordedEvent event = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(r.jfrFile())) {
            if (e.getEventType().getName().equals(JfrData.FINDING_EVENT) && f.cycleId().equals(e.getString("cycleId"))) {
                event = e;
            }
        }
        assertNotNull(event, "the event of " + f + r.describe());
        assertEquals("rl-backward", event.getThread().getJavaName(), "committed on the acquiring thread");
        assertNotNull(event.getStackTrace(), "a JFR stack trace");
        List<String> frames = new ArrayList<>();
        for (RecordedFrame fr : event.getStackTrace().getFrames()) {
            frames.add(fr.getMethod().getType().getName() + "." + fr.getMethod().getName() + ":" + fr.getLineNumber());
        }
        // The acquisition: the program's frame at the closing lock() call, under ReentrantLock.lock, under the
        // agent's own frames (hook, engine, reporter).
        String closing = P.getName() + ".rlBackward:" + fileLine(P, "rl-backward-inner").split(":")[1];
        int app = frames.indexOf(closing);
        assertTrue(app > 0, "the closing acquisition " + closing + " in " + frames);
        assertTrue(frames.get(app - 1).startsWith("java.util.concurrent.locks.ReentrantLock.lock:"), frames.toString());
        assertTrue(frames.get(0).startsWith("io.jlockdep."), "the agent's frames on top: " + frames);
        // The text field keeps the same acquisition, without the agent's frames.
        assertTrue(f.acquisitionStack().startsWith("\tat " + P.getName() + ".rlBackward("), f.acquisitionStack());
    }
}
