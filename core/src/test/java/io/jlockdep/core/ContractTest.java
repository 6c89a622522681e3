package io.jlockdep.core;

import static io.jlockdep.core.EngineTests.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Declared lock-order contracts: parsing, errors, and priming the graph. */
class ContractTest {

    static Contract parse(String text, String name) throws Exception {
        return Contract.parse(new StringReader(text), name);
    }

    @Test
    void parsesOrdersCommentsAndBlankLines() throws Exception {
        Contract c = parse("# the bank's lock order\n"
                + "\n"
                + "A -> B\n"
                + "   \n"
                + "  C -> D   # trailing comment\n", "bank.contract");
        List<Contract.Order> orders = c.orders();
        assertEquals(2, orders.size());
        assertEquals("A", orders.get(0).from());
        assertEquals("B", orders.get(0).to());
        assertEquals(Mode.EXCLUSIVE, orders.get(0).fromMode(), "default mode W");
        assertEquals(Mode.EXCLUSIVE, orders.get(0).toMode());
        assertEquals("bank.contract:3", orders.get(0).origin());
        assertEquals("C", orders.get(1).from());
        assertEquals("D", orders.get(1).to());
        assertEquals("bank.contract:5", orders.get(1).origin());
    }

    @Test
    void chainIsOneOrderPerArrow() throws Exception {
        List<Contract.Order> orders = parse("A -> B -> C\n", "c").orders();
        assertEquals(2, orders.size());
        assertEquals("A", orders.get(0).from());
        assertEquals("B", orders.get(0).to());
        assertEquals("B", orders.get(1).from());
        assertEquals("C", orders.get(1).to());
        assertEquals("c:1", orders.get(0).origin());
        assertEquals("c:1", orders.get(1).origin());
    }

    @Test
    void modeSuffixes() throws Exception {
        List<Contract.Order> orders = parse("A [r] -> B\nC [R] -> D [W]\nE -> F [r] -> G [R]\n", "c").orders();
        assertEquals(4, orders.size());
        assertEquals(Mode.SHARED, orders.get(0).fromMode());
        assertEquals(Mode.EXCLUSIVE, orders.get(0).toMode());
        assertEquals("A", orders.get(0).from(), "the suffix is not part of the name");
        assertEquals(Mode.SHARED_RECURSIVE, orders.get(1).fromMode());
        assertEquals(Mode.EXCLUSIVE, orders.get(1).toMode());
        assertEquals("D", orders.get(1).to());
        assertEquals(Mode.EXCLUSIVE, orders.get(2).fromMode());
        assertEquals(Mode.SHARED, orders.get(2).toMode());
        assertEquals(Mode.SHARED, orders.get(3).fromMode(), "a middle name's mode applies to both of its orders");
        assertEquals(Mode.SHARED_RECURSIVE, orders.get(3).toMode());
    }

    @Test
    void classNamesWithSpacesAndPunctuation() throws Exception {
        List<Contract.Order> orders = parse(
                "ReentrantLock@com.acme.Bank.<init>(Bank.java:12) -> monitor com.acme.Account\n", "c").orders();
        assertEquals(1, orders.size());
        assertEquals("ReentrantLock@com.acme.Bank.<init>(Bank.java:12)", orders.get(0).from());
        assertEquals("monitor com.acme.Account", orders.get(0).to());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A ->", "-> B", "A", "A -> B [x]", "A -> A"})
    void malformedLineIsRejectedWithFileAndLine(String line) {
        String text = "# header\n\n" + line + "\nC -> D\n";
        ContractException e = assertThrows(ContractException.class, () -> parse(text, "bad.contract"));
        String msg = e.getMessage();
        assertNotNull(msg);
        assertTrue(msg.startsWith("bad.contract:3:"), msg);
        assertFalse(msg.contains("\n") || msg.contains("\r"), "one line: " + msg);
        assertTrue(msg.length() > "bad.contract:3:".length() + 1, "says what is wrong: " + msg);
    }

    @Test
    void parsesAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("locks.contract");
        Files.write(file, "# x\nA -> B\n".getBytes(StandardCharsets.UTF_8));
        Contract c = Contract.parse(file);
        assertEquals(1, c.orders().size());
        assertTrue(c.orders().get(0).origin().endsWith("locks.contract:2"), c.orders().get(0).origin());

        Path bad = dir.resolve("bad.contract");
        Files.write(bad, "A -> B\nA ->\n".getBytes(StandardCharsets.UTF_8));
        ContractException e = assertThrows(ContractException.class, () -> Contract.parse(bad));
        assertTrue(e.getMessage().startsWith(bad.toString() + ":2:")
                || e.getMessage().startsWith("bad.contract:2:"), e.getMessage());
    }

    @Test
    void missingFileIsAnIOException(@TempDir Path dir) {
        assertThrows(IOException.class, () -> Contract.parse(dir.resolve("absent.contract")));
    }

    @Test
    void primedOrderMakesTheReverseAFindingOnItsFirstOccurrence() throws Exception {
        Lockdep ld = new Lockdep();
        List<Finding> closed = ld.prime(parse("# declared\nA -> B\n", "locks.contract"));
        assertTrue(closed.isEmpty(), closed.toString());
        assertTrue(ld.findings().isEmpty());
        assertEquals(EdgeType.EN.bit(), edgeTypes(ld, "A", "B"), "the order is in the graph as if observed");

        // A -> B never runs in this JVM; B then A does, once.
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        Object lb = new Object();
        Object la = new Object();
        ld.acquire(lb, b, Mode.EXCLUSIVE);
        Finding f = ld.acquire(la, a, Mode.EXCLUSIVE);
        ld.release(la);
        ld.release(lb);
        assertNotNull(f, "reported the first time");
        assertEquals(FindingKind.CIRCULAR, f.kind());
        CycleEdge closing = f.edges().get(0);
        assertEquals("observed", closing.origin());
        CycleEdge primed = f.edges().get(1);
        assertEquals("A", primed.from());
        assertEquals("B", primed.to());
        assertEquals("locks.contract:2", primed.origin());
        assertEquals("contract", primed.thread());
        assertTrue(f.render().contains("locks.contract:2"), "the report says where the order was declared");
    }

    @Test
    void primedModesAreHonoured() throws Exception {
        // A [R] -> B (SN) and B -> A [R] (ER): not strong. A [r] -> B (SN) and B -> A [r] (EN): strong.
        Lockdep recursive = new Lockdep();
        recursive.prime(parse("A [R] -> B\n", "c"));
        assertEquals(EdgeType.SN.bit(), edgeTypes(recursive, "A", "B"));
        Object lb = new Object();
        Object la = new Object();
        recursive.acquire(lb, recursive.lockClass("B"), Mode.EXCLUSIVE);
        assertNull(recursive.acquire(la, recursive.lockClass("A"), Mode.SHARED_RECURSIVE));

        Lockdep shared = new Lockdep();
        shared.prime(parse("A [r] -> B\n", "c"));
        shared.acquire(lb, shared.lockClass("B"), Mode.EXCLUSIVE);
        Finding f = shared.acquire(la, shared.lockClass("A"), Mode.SHARED);
        assertNotNull(f);
        assertEquals(FindingKind.CIRCULAR, f.kind());
    }

    @Test
    void primedChainGivesTransitiveCycle() throws Exception {
        Lockdep ld = new Lockdep();
        ld.prime(parse("A -> B -> C\n", "c"));
        Object lc = new Object();
        Object la = new Object();
        ld.acquire(lc, ld.lockClass("C"), Mode.EXCLUSIVE);
        Finding f = ld.acquire(la, ld.lockClass("A"), Mode.EXCLUSIVE);
        assertNotNull(f);
        assertEquals(3, f.length());
        assertTrue(CircularTest.isRotation(f.lockClasses(), "A", "B", "C"), f.lockClasses());
    }

    @Test
    void contractThatContradictsItselfIsReportedByPrime() throws Exception {
        Lockdep ld = new Lockdep();
        // parse rejects such a file (below); a contract built in code (merge's union of edges) may still close one
        List<Finding> closed = ld.prime(Contract.of(List.of(new Contract.Order("A", Mode.EXCLUSIVE, "B", Mode.EXCLUSIVE,
                "c:1"), new Contract.Order("B", Mode.EXCLUSIVE, "A", Mode.EXCLUSIVE, "c:2"))));
        assertEquals(1, closed.size(), closed.toString());
        assertEquals(FindingKind.CIRCULAR, closed.get(0).kind());
        assertEquals(1, ld.findings().size());
    }

    @Test
    void ordersThatFormACycleAreRejectedWithTheCycleNamed() {
        ContractException e = assertThrows(ContractException.class,
                () -> parse("# two teams' orders\nA -> B\nC -> D\nB -> C [r]\nD [r] -> A\n", "team.contract"));
        assertEquals("team.contract: the declared orders form a cycle: A -> B -> C -> D -> A"
                + " (team.contract:2, team.contract:4, team.contract:3, team.contract:5)", e.getMessage());
        ContractException two = assertThrows(ContractException.class, () -> parse("A -> B\nB -> A\n", "c"));
        assertEquals("c: the declared orders form a cycle: A -> B -> A (c:1, c:2)", two.getMessage());
        ContractException chain = assertThrows(ContractException.class, () -> parse("X -> Y -> Z -> X\n", "c"));
        assertEquals("c: the declared orders form a cycle: X -> Y -> Z -> X (c:1, c:1, c:1)", chain.getMessage());
    }

    @Test
    void aDiamondAndALongChainAreNoCycle() throws Exception {
        assertEquals(4, parse("A -> B\nA -> C\nB -> D\nC -> D\n", "c").orders().size());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            sb.append("L").append(i).append(" -> L").append(i + 1).append('\n');
        }
        assertEquals(50_000, parse(sb.toString(), "long").orders().size());
        sb.append("L50000 -> L0\n");
        assertThrows(ContractException.class, () -> parse(sb.toString(), "long"));
    }

    @Test
    void aFileThatIsNotUtf8IsRejectedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.contract");
        Files.write(f, "A -> B\n# caf\u00e9\nC -> D\n".getBytes(StandardCharsets.ISO_8859_1));
        ContractException e = assertThrows(ContractException.class, () -> Contract.parse(f));
        assertEquals(f + ":2: not valid UTF-8 text", e.getMessage());
        Path bom = dir.resolve("bom.contract");
        Files.write(bom, "\uFEFFA -> B\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("A", Contract.parse(bom).orders().get(0).from());
    }

    @Test
    void namesInMessagesAreEscaped() {
        ContractException e = assertThrows(ContractException.class, () -> parse("A\u001b[31m -> A\u001b[31m\n", "c"));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("A\\u001b[31m"), e.getMessage());
    }
}
