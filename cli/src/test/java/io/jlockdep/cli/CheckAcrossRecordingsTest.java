package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Reports#checkAcrossRecordings}, what the Maven plugin judges a module with: each recording's own findings
 * and the cycles only the union shows, under one baseline; and {@link FindingRecord#takenIn()}, the tests its
 * summary names.
 */
class CheckAcrossRecordingsTest {
    private static final Mode W = Mode.EXCLUSIVE;

    @TempDir
    Path dir;

    @Test
    void ownAndMergedFindingsInOneOutcomeUnderOneBaseline() throws Exception {
        String u = Recordings.unique();
        String a = "A." + u;
        String b = "B." + u;
        String c = "C." + u;
        // one JVM shows a<->b itself; b->c and c->b are in two others
        Recordings.engine(dir.resolve("1-own.jfr"), true, e -> {
            e.setContext("test com.acme.OwnTest.first()");
            Recordings.nest(e, "t1", a, W, b, W);
            e.setContext("test com.acme.OwnTest.second()");
            Recordings.nest(e, "t2", b, W, a, W);
        });
        Recordings.engine(dir.resolve("2-half.jfr"), true, e -> {
            e.setContext("test com.acme.PostTest.post()");
            Recordings.nest(e, "t3", b, W, c, W);
        });
        Recordings.engine(dir.resolve("3-half.jfr"), true, e -> Recordings.nest(e, "t4", c, W, b, W));
        List<Recording> recs = Reports.read(List.of("."), dir);

        Outcome o = Reports.checkAcrossRecordings(recs, null);
        assertEquals(Command.CHECK, o.command());
        assertEquals(1, o.exitCode());
        assertEquals(2, o.findings().size(), o.summary());
        FindingRecord own = o.findings().get(0);
        FindingRecord merged = o.findings().get(1);
        assertEquals(false, own.merged);
        assertEquals(true, merged.merged);
        assertEquals("2 potential deadlocks (2 circular) in 3 recordings", o.summary());

        // the tests: the recorded contexts; without one, the outermost program frame of the edge's stack (here
        // this module's test harness is not program code, so nothing)
        assertEquals(List.of("test com.acme.OwnTest.second()", "test com.acme.OwnTest.first()"), own.takenIn());
        assertEquals(List.of("test com.acme.PostTest.post()"), merged.takenIn());

        // one baseline accepts either kind, and calls neither stale
        Baseline base = Baseline.parse("b.txt", merged.cycleId() + "\n" + own.cycleId() + "\n");
        Outcome accepted = Reports.checkAcrossRecordings(recs, base);
        assertEquals(0, accepted.exitCode());
        assertEquals(2, accepted.accepted().size());
        assertEquals(List.of(), accepted.stale());
        assertTrue(Reports.render(accepted, Format.JSON, SourceLocator.create(List.of(), dir))
                .contains("\"scope\": \"merged\""));
    }

    @Test
    void aRecordingWithoutEdgesIsBadInput() {
        String u = Recordings.unique();
        Recordings.engine(dir.resolve("plain.jfr"), false, e -> Recordings.nest(e, "t", "A." + u, W, "B." + u, W));
        CliException e = assertThrows(CliException.class,
                () -> Reports.checkAcrossRecordings(Reports.read(List.of("plain.jfr"), dir), null));
        assertEquals("plain.jfr: no dependency edges; record with edges=on", e.getMessage());
    }
}
