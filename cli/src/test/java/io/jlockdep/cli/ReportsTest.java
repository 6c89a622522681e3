package io.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API in-process: values back, nothing printed; the command line prints exactly what it renders. */
class ReportsTest {
    private static final String ID = "0123456789abcdef";

    @TempDir
    Path dir;

    private List<Recording> oneFinding() throws IOException, CliException {
        String u = Recordings.unique();
        Path recs = Files.createDirectories(dir.resolve("recs"));
        Recordings.builder().circular(ID, "ApiA" + u, "ApiB" + u, "\tat com.acme.A.run(A.java:1)",
                "\tat com.acme.B.run(B.java:2)").statistics().write(recs.resolve("one.jfr"));
        return Reports.read(List.of("recs", "recs/one.jfr"), dir);
    }

    @Test
    void checkReturnsTheFindingsAndTheExitStatus() throws Exception {
        List<Recording> recs = oneFinding();
        assertEquals(1, recs.size(), "a file named twice counts once");
        assertEquals("recs/one.jfr", recs.get(0).name());

        Outcome o = Reports.check(recs, null);
        assertEquals(1, o.exitCode());
        assertEquals(ID, o.findings().get(0).cycleId());
        assertEquals("circular", o.findings().get(0).kind());
        assertEquals(List.of("recs/one.jfr"), o.findings().get(0).recordings());
        assertEquals("1 potential deadlock (1 circular) in 1 recording", o.summary());

        Outcome report = Reports.report(recs);
        assertEquals(0, report.exitCode());
        assertEquals(1, report.findings().size());
    }

    @Test
    void aBaselineAcceptsByIdAndTheWrittenBaselineReadsBack() throws Exception {
        List<Recording> recs = oneFinding();
        Outcome first = Reports.check(recs, null);
        Baseline written = Baseline.parse("written", Reports.baseline(first));
        assertEquals(List.of(ID), List.copyOf(written.ids()));

        Outcome o = Reports.check(recs, Baseline.parse("b.txt", ID.toUpperCase() + "\nfedcba9876543210\n"));
        assertEquals(0, o.exitCode());
        assertEquals(List.of(), o.findings());
        assertEquals(1, o.accepted().size());
        assertEquals(List.of("fedcba9876543210"), o.stale());
    }

    @Test
    void theCommandPrintsWhatTheApiRenders() throws Exception {
        List<Recording> recs = oneFinding();
        SourceLocator sources = SourceLocator.create(List.of(), dir);
        for (Format f : Format.values()) {
            String rendered = Reports.render(Reports.check(recs, null), f, sources);
            Run r = Run.cli(dir, "check", "recs", "--format", f.id()).assertExit(1).assertQuiet();
            assertEquals(rendered, r.out, f.id());
        }
    }

    @Test
    void badInputIsAnExceptionWithTheCommandLinesMessage() throws Exception {
        Recordings.foreign(dir.resolve("foreign.jfr"));
        CliException e = assertThrows(CliException.class, () -> Reports.read(List.of("foreign.jfr"), dir));
        assertEquals("foreign.jfr: no jlockdep events - was the agent attached (-javaagent:jlockdep-agent.jar=jfr=FILE)?",
                e.getMessage());
        List<Recording> recs = oneFinding();
        CliException noEdges = assertThrows(CliException.class, () -> Reports.merge(recs, null));
        assertTrue(noEdges.getMessage().startsWith("recs/one.jfr: no dependency edges"), noEdges.getMessage());
    }

    /** Recordings read together: in order, one record per distinct edges=on edge (the first file's), the first bad file named. */
    @Test
    void manyRecordingsReadInOrderWithTheFirstBadOneReported() throws Exception {
        String u = Recordings.unique();
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 12; i++) {
            Recordings.builder().plainEdge("SharedA" + u, "SharedB" + u, "EN", "t" + i, "\tat com.acme.R" + i
                    + ".run(R.java:1)", "").plainEdge("Own" + i + u, "SharedB" + u, "EN", "t", "", "")
                    .statistics(true).write(many.resolve(String.format("r%02d.jfr", i)));
        }
        List<Recording> recs = Reports.read(List.of("many"), dir);
        assertEquals(12, recs.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(String.format("many/r%02d.jfr", i), recs.get(i).name());
            EdgeRecord shared = recs.get(i).plainEdges.get(0);
            assertTrue(shared == recs.get(0).plainEdges.get(0), "one record per distinct edge");
            assertEquals("many/r00.jfr", shared.recording, "the first recording's");
            assertEquals("Own" + i + u, recs.get(i).plainEdges.get(1).from);
        }

        Files.writeString(many.resolve("r05.jfr"), "not a recording");
        Recordings.foreign(many.resolve("r09.jfr"));
        CliException e = assertThrows(CliException.class, () -> Reports.read(List.of("many"), dir));
        assertTrue(e.getMessage().startsWith("many/r05.jfr: "), e.getMessage());
    }
}
