package io.jlockdep.agent.config;

import static io.jlockdep.agent.config.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.FindingKind;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuppressionsTest {
    private static final String ID = "5f1c0a2b3c4d5e6f";

    @TempDir
    Path dir;

    /** A real circular finding between classes {@code a} and {@code b}: a then b, later b then a. */
    static Finding circular(String a, String b) {
        Lockdep lockdep = new Lockdep();
        LockClass ca = lockdep.lockClass(a);
        LockClass cb = lockdep.lockClass(b);
        Object la = new Object();
        Object lb = new Object();
        assertNull(lockdep.acquire(la, ca, Mode.EXCLUSIVE));
        assertNull(lockdep.acquire(lb, cb, Mode.EXCLUSIVE));
        lockdep.release(lb);
        lockdep.release(la);
        assertNull(lockdep.acquire(lb, cb, Mode.EXCLUSIVE));
        Finding f = lockdep.acquire(la, ca, Mode.EXCLUSIVE);
        lockdep.release(la);
        lockdep.release(lb);
        assertNotNull(f);
        assertSame(FindingKind.CIRCULAR, f.kind());
        return f;
    }

    // ------------------------------------------------------------------------------------------ parsing

    @Test
    void noneSuppressesNothing() {
        Suppressions s = Suppressions.none();
        assertTrue(s.isEmpty());
        assertFalse(s.suppresses(circular("A", "B")));
        assertFalse(s.suppresses(ID, List.of("A")));
        assertFalse(s.suppresses((Finding) null));
        assertEquals("(none)", s.source());
        assertEquals("suppressions from (none): 0 cycle ids, 0 class patterns", s.toString());
    }

    @Test
    void parsesIdsGlobsCommentsAndBlankLines() {
        Suppressions s = Suppressions.parse("# known findings\n"
                + "\n"
                + "   \t\n"
                + ID + "\n"
                + "  ABCDEF0123456789   # upper case, trailing comment\n"
                + "monitor com.acme.Account\n"
                + "  ReentrantLock@com.acme.Bank.<init>(Bank.java:*)  \n"
                + "class com.acme.Registry # the registry\n"
                + "pseudo com.acme.Fence#signal\n"
                + "   # indented comment\n"
                + "   #indented comment\n"
                + "monitor x.Y (instance #1) #\n"
                + "monitor x.Z #not a comment\n", "s.txt");
        assertEquals(Set.of(ID, "abcdef0123456789"), s.cycleIds());
        assertEquals("monitor com.acme.Account:ReentrantLock@com.acme.Bank.<init>(Bank.java:*):"
                + "class com.acme.Registry:pseudo com.acme.Fence#signal:monitor x.Y (instance #1):"
                + "monitor x.Z #not a comment", s.globs().toString());
        assertEquals("s.txt", s.source());
        assertEquals("suppressions from s.txt: 2 cycle ids, 6 class patterns", s.toString());
        assertFalse(s.isEmpty());
    }

    @Test
    void emptyAndCommentOnlyFiles() {
        assertTrue(Suppressions.parse("", "s").isEmpty());
        assertTrue(Suppressions.parse("# a\n\n#b", "s").isEmpty());
    }

    @Test
    void windowsLineEndings() {
        Suppressions s = Suppressions.parse(ID + "\r\nmonitor a.B\r\n", "s");
        assertEquals(Set.of(ID), s.cycleIds());
        assertEquals("monitor a.B", s.globs().toString());
    }

    @Test
    void duplicatesKeepFirstOrigin() {
        Suppressions s = Suppressions.parse(ID + "\n" + ID.toUpperCase() + "\na.*\na.*\n", "s");
        assertEquals(1, s.cycleIds().size());
        assertEquals(1, s.globs().globs().size());
        assertEquals("s:1", s.suppressedBy(ID, null));
        assertEquals("s:3", s.suppressedBy("0000000000000000", List.of("a.B")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deadbeef", "5f1c0a2b3c4d5e6", "5f1c0a2b3c4d5e6f0", "5F1C0A2B3C4D5E6F0123"})
    void wrongLengthCycleIds(String id) {
        assertError("s.txt:3: cycle ids have 16 hex digits, '" + id + "' has " + id.length(),
                () -> Suppressions.parse("# x\n\n  " + id + "  # comment\n", "s.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdef1", "5f1c0a2b3c4d5e6f01234", "5f1c0a2b3c4d5e6g", "0x5f1c0a2b3c4d5e"})
    void otherHexishLinesAreGlobs(String line) {
        Suppressions s = Suppressions.parse(line, "s");
        assertTrue(s.cycleIds().isEmpty());
        assertEquals(line, s.globs().toString());
    }

    @Test
    void readsFile() throws IOException {
        Path f = Files.write(dir.resolve("s.txt"), ("\uFEFF" + ID + "\nmonitor caf\u00e9.*\n").getBytes(StandardCharsets.UTF_8));
        Suppressions s = Suppressions.parse(f);
        assertEquals(Set.of(ID), s.cycleIds());
        assertTrue(s.suppresses("0000000000000000", List.of("monitor caf\u00e9.Bar")));
        assertEquals(f.toString(), s.source());
        assertEquals(f + ":2", s.suppressedBy("0000000000000000", List.of("monitor caf\u00e9.Bar")));
    }

    @Test
    void fileErrors() throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertError("cannot read suppress file '" + missing + "': file does not exist",
                () -> Suppressions.parse(missing));
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'a', '\n', 'b', '\n', 'c', (byte) 0xFF, '\n'});
        assertError(bad + ":3: not valid UTF-8", () -> Suppressions.parse(bad));
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "monitor a.B\n1234567890\n");
        assertError(wrong + ":2: cycle ids have 16 hex digits, '1234567890' has 10", () -> Suppressions.parse(wrong));
        assertError("cannot read suppress file '" + dir + "': Is a directory", () -> Suppressions.parse(dir));
    }

    // ------------------------------------------------------------------------------------------ matching

    @Test
    void matchesRealFindingByCycleId() {
        Finding f = circular("monitor com.acme.Account", "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)");
        assertEquals(16, f.cycleId().length());
        Suppressions s = Suppressions.parse("# ids\n" + f.cycleId().toUpperCase() + "\n", "s");
        assertTrue(s.suppresses(f));
        assertEquals("s:2", s.suppressedBy(f));
        assertFalse(s.suppresses(circular("monitor com.acme.Other", "monitor com.acme.Account")));
    }

    @Test
    void cycleIdsAreStableSoTheyCanBeListed() {
        assertEquals(circular("A", "B").cycleId(), circular("A", "B").cycleId());
    }

    @Test
    void matchesRealFindingByAnyLockClassGlob() {
        Finding f = circular("monitor com.acme.Account", "ReentrantLock@com.acme.Bank.<init>(Bank.java:12)");
        assertTrue(Suppressions.parse("monitor com.acme.Account", "s").suppresses(f));
        assertTrue(Suppressions.parse("monitor com.acme.*", "s").suppresses(f));
        assertTrue(Suppressions.parse("ReentrantLock@com.acme.Bank.<init>(Bank.java:12)", "s").suppresses(f));
        assertTrue(Suppressions.parse("ReentrantLock@com.acme.Bank.*", "s").suppresses(f));
        assertTrue(Suppressions.parse("*Bank.java:??)", "s").suppresses(f));
        assertFalse(Suppressions.parse("monitor com.acme.Acc", "s").suppresses(f));
        assertFalse(Suppressions.parse("com.acme.Account", "s").suppresses(f));
        assertFalse(Suppressions.parse("ReentrantLock@com.acme.Bank.<init>(Bank.java:13)", "s").suppresses(f));
        assertFalse(Suppressions.parse("0123456789abcdef\nclass com.acme.*", "s").suppresses(f));
        assertEquals("s:3", Suppressions.parse("a\nb\nmonitor *\nReentrantLock*", "s").suppressedBy(f));
    }

    @Test
    void matchesThreeClassCycleOnAnyClass() {
        Lockdep lockdep = new Lockdep();
        LockClass a = lockdep.lockClass("class A");
        LockClass b = lockdep.lockClass("class B");
        LockClass c = lockdep.lockClass("class C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        nest(lockdep, la, a, lb, b);
        nest(lockdep, lb, b, lc, c);
        lockdep.acquire(lc, c, Mode.EXCLUSIVE);
        Finding f = lockdep.acquire(la, a, Mode.EXCLUSIVE);
        lockdep.release(la);
        lockdep.release(lc);
        assertNotNull(f);
        assertEquals(3, f.length());
        for (String cls : new String[] {"class A", "class B", "class C"}) {
            assertTrue(Suppressions.parse(cls, "s").suppresses(f), cls);
        }
        assertFalse(Suppressions.parse("class D", "s").suppresses(f));
    }

    private static void nest(Lockdep lockdep, Object l1, LockClass c1, Object l2, LockClass c2) {
        assertNull(lockdep.acquire(l1, c1, Mode.EXCLUSIVE));
        assertNull(lockdep.acquire(l2, c2, Mode.EXCLUSIVE));
        lockdep.release(l2);
        lockdep.release(l1);
    }

    @Test
    void matchesInstanceInversionOnItsClassName() {
        Lockdep lockdep = new Lockdep();
        LockClass account = lockdep.lockClass("monitor com.acme.Account");
        Object a1 = new Object();
        Object a2 = new Object();
        nest(lockdep, a1, account, a2, account);
        lockdep.acquire(a2, account, Mode.EXCLUSIVE);
        Finding f = lockdep.acquire(a1, account, Mode.EXCLUSIVE);
        lockdep.release(a1);
        lockdep.release(a2);
        assertNotNull(f);
        assertSame(FindingKind.INSTANCE_INVERSION, f.kind());
        assertTrue(Suppressions.parse("monitor com.acme.Account", "s").suppresses(f), f.lockClasses());
        assertTrue(Suppressions.parse("monitor com.acme.Account (instance #*)", "s").suppresses(f), f.lockClasses());
        assertFalse(Suppressions.parse("monitor com.acme.Other", "s").suppresses(f));
    }

    @Test
    void instanceLabels() {
        assertEquals("monitor a.B", Suppressions.withoutInstanceLabel("monitor a.B (instance #12)"));
        assertEquals("monitor a.B", Suppressions.withoutInstanceLabel("monitor a.B (instance (collected))"));
        assertNull(Suppressions.withoutInstanceLabel("monitor a.B"));
        assertNull(Suppressions.withoutInstanceLabel("ReentrantLock@a.B.<init>(B.java:3)"));
        assertNull(Suppressions.withoutInstanceLabel("x (instance #)"));
        assertNull(Suppressions.withoutInstanceLabel("x (instance #1a)"));
        assertNull(Suppressions.withoutInstanceLabel(" (instance #1)"));
        assertEquals("monitor a.B", Suppressions.withoutInstanceLabel("monitor a.B (instance #3 \"alice\")"));
        assertEquals("w_mutex", Suppressions.withoutInstanceLabel("w_mutex (instance #3 \"frame (a)\")"));
        assertNull(Suppressions.withoutInstanceLabel("x (instance #3 alice)"));
        assertNull(Suppressions.withoutInstanceLabel("x (instance #3 \"\")"));
    }

    @Test
    void stringApi() {
        Suppressions s = Suppressions.parse(ID + "\nmonitor com.acme.*\n", "s");
        assertTrue(s.suppresses(ID, null));
        assertTrue(s.suppresses(ID.toUpperCase(), Collections.<String>emptyList()));
        assertTrue(s.suppresses(" " + ID + " ", null));
        assertTrue(s.suppresses(null, Arrays.asList(null, "monitor com.acme.X")));
        assertTrue(s.suppresses("ffffffffffffffff", List.of("x", "monitor com.acme.X")));
        assertFalse(s.suppresses("ffffffffffffffff", List.of("x", "monitor org.X")));
        assertFalse(s.suppresses(null, null));
        assertFalse(s.suppresses((Finding) null));
        assertNull(s.suppressedBy((Finding) null));
    }

    @Test
    void viewsAreUnmodifiable() {
        Suppressions s = Suppressions.parse(ID, "s");
        assertThrows(UnsupportedOperationException.class, () -> s.cycleIds().clear());
    }

    @Test
    void nothingBreaksOnSpecialCharacters() {
        Suppressions s = Suppressions.parse("[a-z]+ (.*) \\Q$\n", "s");
        assertTrue(s.suppresses(null, List.of("[a-z]+ (.*) \\Q$")));
        assertFalse(s.suppresses(null, List.of("abc")));
    }
}
