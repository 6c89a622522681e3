package io.jlockdep.cli;

import static io.jlockdep.cli.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finding's instance evidence, gate and allocation origins in every output format, and older recordings without them. */
class EvidenceFormatsTest {
    static final String ID = "7f4baf92884d54f5";
    static final String BANK = "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)";
    static final String ACCOUNT = "monitor com.acme.Account";
    static final String ORIGIN = "com.acme.Account.<init>(Account.java:5)";
    static final String STACK = "\tat com.acme.Bank.deposit(Bank.java:53)";

    @TempDir
    Path dir;

    private Run cli(String... args) {
        return Run.cli(dir, args);
    }

    private void gatedRecording(String name) throws IOException {
        Recordings.builder().circular(ID, BANK, ACCOUNT, STACK, STACK)
                .evidence("witnessed", "class com.acme.Registry", ACCOUNT + "\t" + ORIGIN).statistics()
                .write(dir.resolve(name));
    }

    @Test
    void jsonHasEvidenceGateAndOrigins() throws IOException {
        gatedRecording("g.jfr");
        Object json = Json.parse(cli("report", "g.jfr", "--format", "json").assertExit(0).out);
        assertEquals("witnessed", at(json, "findings", 0, "evidence"));
        assertEquals("class com.acme.Registry", at(json, "findings", 0, "gatedBy"));
        assertEquals(Map.of(ACCOUNT, ORIGIN), at(json, "findings", 0, "origins"));
    }

    @Test
    void sarifHasEvidenceAndGateAsProperties() throws IOException {
        gatedRecording("g.jfr");
        Object sarif = Json.parse(cli("report", "g.jfr", "--format", "sarif").assertExit(0).out);
        assertEquals("witnessed", at(sarif, "runs", 0, "results", 0, "properties", "evidence"));
        assertEquals("class com.acme.Registry", at(sarif, "runs", 0, "results", 0, "properties", "gatedBy"));
    }

    /** With no program frame in any stack, the SARIF location is where the first named lock was allocated. */
    @Test
    void sarifFallsBackToTheAllocationOrigin() throws IOException {
        String lock = "ReentrantLock com.acme.Bank.lock";
        Recordings.builder().circular(ID, lock, ACCOUNT, "", "")
                .evidence("class-only", null, lock + "\t" + "com.acme.Bank.<init>(Bank.java:12)").statistics()
                .write(dir.resolve("o.jfr"));
        Object sarif = Json.parse(cli("report", "o.jfr", "--format", "sarif").assertExit(0).out);
        Object loc = at(sarif, "runs", 0, "results", 0, "locations", 0, "physicalLocation");
        assertTrue(((String) at(loc, "artifactLocation", "uri")).endsWith("com/acme/Bank.java"), String.valueOf(loc));
        assertEquals(new java.math.BigDecimal(12), at(loc, "region", "startLine"));
    }

    @Test
    void junitFailureMessageNamesTheEvidence() throws IOException {
        gatedRecording("g.jfr");
        String xml = cli("report", "g.jfr", "--format", "junit").assertExit(0).out;
        assertTrue(xml.contains("[cycle id " + ID + "; evidence: witnessed, gated by class com.acme.Registry]"), xml);
    }

    @Test
    void recordingsWithoutTheFieldsReadAsUnknown() throws IOException {
        // Null fields (an agent that left them unset) and an event type without them (an older agent).
        Recordings.builder().circular(ID, BANK, ACCOUNT, STACK, STACK).statistics().write(dir.resolve("n.jfr"));
        Recordings.builder().oldFinding("0123456789abcdef", "circular", "X -> Y -> X", "old report\n").statistics()
                .write(dir.resolve("old.jfr"));
        for (String file : new String[] {"n.jfr", "old.jfr"}) {
            Object json = Json.parse(cli("report", file, "--format", "json").assertExit(0).out);
            assertNull(at(json, "findings", 0, "evidence"), file);
            assertNull(at(json, "findings", 0, "gatedBy"), file);
            assertEquals(Map.of(), at(json, "findings", 0, "origins"), file);
            String xml = cli("report", file, "--format", "junit").assertExit(0).out;
            assertFalse(xml.contains("evidence:"), xml);
            assertTrue(xml.contains("[cycle id "), xml);
            Object sarif = Json.parse(cli("report", file, "--format", "sarif").assertExit(0).out);
            assertNull(at(sarif, "runs", 0, "results", 0, "properties", "evidence"), file);
        }
    }

    @Test
    void theEnginesReportCarriesEvidenceAndOriginThroughARecording() {
        String a = "A" + Recordings.unique();
        String b = "B" + Recordings.unique();
        Recordings.engine(dir.resolve("e.jfr"), false, engine -> {
            LockClass ca = engine.lockClass(a);
            ca.noteOrigin(ORIGIN);
            Recordings.nest(engine, "t1", a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE);
            Recordings.nest(engine, "t2", b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE);
        });
        String text = cli("report", "e.jfr").assertExit(0).out;
        assertTrue(text.contains("\n  " + a + " (allocated at " + ORIGIN + ")\n"), text);
        assertTrue(text.contains("evidence: class-only (different instances of the same classes)"), text);
        Object json = Json.parse(cli("report", "e.jfr", "--format", "json").out);
        assertEquals("class-only", at(json, "findings", 0, "evidence"));
        assertNull(at(json, "findings", 0, "gatedBy"));
        assertEquals(Map.of(a, ORIGIN), at(json, "findings", 0, "origins"));
    }

    @Test
    void aMergedCycleIsClassOnly() {
        String a = "A" + Recordings.unique();
        String b = "B" + Recordings.unique();
        Recordings.engine(dir.resolve("ab.jfr"), true, e -> Recordings.nest(e, "t1", a, Mode.EXCLUSIVE, b, Mode.EXCLUSIVE));
        Recordings.engine(dir.resolve("ba.jfr"), true, e -> Recordings.nest(e, "t2", b, Mode.EXCLUSIVE, a, Mode.EXCLUSIVE));
        Run r = cli("merge", "ab.jfr", "ba.jfr").assertExit(1);
        assertTrue(r.out.contains("evidence: class-only (orders from different JVMs"), r.out);
        Object json = Json.parse(cli("merge", "ab.jfr", "ba.jfr", "--format", "json").out);
        assertEquals("class-only", at(json, "findings", 0, "evidence"));
        assertNull(at(json, "findings", 0, "gatedBy"));
    }
}
