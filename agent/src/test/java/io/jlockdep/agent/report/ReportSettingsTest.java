package io.jlockdep.agent.report;

import io.jlockdep.agent.config.LogTarget;
import io.jlockdep.agent.config.OutputFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportSettingsTest {
    @Test
    void defaults() {
        ReportSettings s = ReportSettings.defaults();
        assertSame(LogTarget.STDERR, s.log());
        assertNull(s.jfrFile());
        assertFalse(s.edges());
        assertNull(s.dumpFile());
        assertFalse(s.dumpDot());
        assertEquals(4096, s.findingQueueCapacity());
        assertEquals(65536, s.edgeQueueCapacity());
        assertEquals(5000, s.finishTimeoutMillis());
    }

    @Test
    void logTargetOfOptionValue() {
        assertSame(LogTarget.STDERR, LogTarget.of("stderr"));
        assertSame(LogTarget.OFF, LogTarget.of("OFF"));
        LogTarget file = LogTarget.of("build/jlockdep.log");
        assertEquals(LogTarget.Kind.FILE, file.kind());
        assertEquals(Path.of("build/jlockdep.log"), file.file());
        assertEquals(LogTarget.file(Path.of("build/jlockdep.log")), file);
        assertEquals("build/jlockdep.log", file.toString());
        assertEquals("stderr", LogTarget.STDERR.toString());
        assertThrows(IllegalArgumentException.class, () -> LogTarget.of(""));
    }

    @Test
    void dumpFormatFollowsTheExtensionUnlessGiven() {
        assertTrue(ReportSettings.builder().dump(Path.of("g.dot")).build().dumpDot());
        assertFalse(ReportSettings.builder().dump(Path.of("g.txt")).build().dumpDot());
        assertTrue(ReportSettings.builder().dump(Path.of("g.txt"), true).build().dumpDot());
        assertFalse(ReportSettings.builder().dump(null, true).build().dumpDot());
    }

    @Test
    void outputFilesAreKeptAsGiven() {
        OutputFile jfr = new OutputFile("jfr", Path.of("/w/out/x.jfr"), "out/x.jfr", "config file 'c': ");
        OutputFile log = new OutputFile("log", Path.of("/w/j.log"), "j.log", "");
        ReportSettings s = ReportSettings.builder().jfrOutput(jfr).logOutput(log)
                .dumpOutput(new OutputFile("dump", Path.of("/w/g.dot"), "g.dot", ""), true).build();
        assertSame(jfr, s.jfrOutput());
        assertEquals(Path.of("/w/out/x.jfr"), s.jfrFile());
        assertSame(log, s.logOutput());
        assertEquals(LogTarget.file(Path.of("/w/j.log")), s.log());
        assertEquals(Path.of("/w/g.dot"), s.dumpFile());
        assertTrue(s.dumpDot());
        // a bare path is quoted as itself, from the command line
        ReportSettings p = ReportSettings.builder().jfrFile(Path.of("/a/b.jfr")).log(LogTarget.file(Path.of("/a/l")))
                .build();
        assertEquals("jfr", p.jfrOutput().option());
        assertEquals("/a/b.jfr", p.jfrOutput().given());
        assertEquals("", p.jfrOutput().origin());
        assertEquals("log", p.logOutput().option());
        assertNull(ReportSettings.builder().log(LogTarget.STDERR).build().logOutput());
        assertNull(ReportSettings.defaults().dumpOutput());
    }

    @Test
    void boundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ReportSettings.builder().findingQueueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> ReportSettings.builder().edgeQueueCapacity(-1));
        assertThrows(IllegalArgumentException.class, () -> ReportSettings.builder().finishTimeoutMillis(0));
        assertThrows(NullPointerException.class, () -> new Reporter(null));
    }
}
