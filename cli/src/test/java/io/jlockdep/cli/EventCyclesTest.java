package io.jlockdep.cli;

import static io.jlockdep.cli.HtmlOutputTest.all;
import static io.jlockdep.cli.HtmlOutputTest.one;
import static io.jlockdep.cli.HtmlOutputTest.parse;
import static io.jlockdep.cli.HtmlOutputTest.stack;
import static io.jlockdep.cli.Json.arr;
import static io.jlockdep.cli.Json.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.core.Finding;
import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Cycles through an event class (a wait for a future, latch, queue, condition, join …) in every output: worded for
 * waits as the engine words its own report ("waited for while holding", "taken by code that produces",
 * {@code wait(E);}, {@code produce(E):}), never as a lock taken or a lock order to agree on.
 */
class EventCyclesTest {
    private static final Mode W = Mode.EXCLUSIVE;

    @TempDir
    Path dir;

    private Run cli(String... args) {
        return Run.cli(dir, args);
    }

    /** The names of one test: a lock and the completion of the task that takes it. */
    private static final class Names {
        final String u = Recordings.unique();
        final String lock = "ReentrantLock com.acme.Shop" + u + ".lock";
        final String what = "completion of task com.acme.Shop" + u + ".lambda$save$0";
        final String event = LockClass.EVENT_PREFIX + what;
    }

    /** On thread {@code thread}: the task's body ({@code event}'s producing code) takes {@code lock}. */
    private static Finding taskTakes(Lockdep e, String thread, String what, String lock) {
        AtomicReference<Finding> out = new AtomicReference<>();
        Recordings.runOn(thread, () -> {
            LockClass ev = e.eventClass(what);
            Object o = new Object();
            e.enterEvent(ev);
            out.set(e.acquire(o, e.lockClass(lock), W));
            e.release(o);
            e.leaveEvent(ev);
        });
        return out.get();
    }

    /** On thread {@code thread}: waits for {@code what} while holding {@code lock}. */
    private static Finding waitUnder(Lockdep e, String thread, String lock, String what) {
        AtomicReference<Finding> out = new AtomicReference<>();
        Recordings.runOn(thread, () -> {
            Object o = new Object();
            e.acquire(o, e.lockClass(lock), W);
            out.set(e.waitFor(e.eventClass(what), false));
            e.release(o);
        });
        return out.get();
    }

    private static String text(Element e) {
        return e.getTextContent().replaceAll("\\s+", " ").trim();
    }

    @Test
    void theHtmlPageOfARecordedWaitCycleWordsItForTheWait() throws Exception {
        Names n = new Names();
        Recordings.EngineRun run = Recordings.engine(dir.resolve("w.jfr"), false, e -> {
            assertNull(taskTakes(e, "pool-1-thread-1", n.what, n.lock));
            assertNotNull(waitUnder(e, "main", n.lock, n.what));
        });
        assertEquals(1, run.findings.size());
        String lockShort = HtmlNames.shortName(n.lock, 60);
        String eventShort = HtmlNames.shortName(n.event, 60);

        Run r = cli("check", "w.jfr", "--format", "html").assertExit(1).assertQuiet();
        HtmlOutputTest.assertSelfContained(r.out);
        Document d = parse(r.out);
        Element section = one(d, "//section[contains(@class,'finding')]");
        assertEquals(HtmlFinding.WAIT_LEAD, text(one(section, ".//p[@class='lead']")));

        // the orders: #0 the wait (closing), #1 the task's body taking the lock
        List<Element> orders = all(section, ".//ol[@class='orders']/li");
        assertEquals(2, orders.size());
        String o0 = text((Element) orders.get(0).getElementsByTagName("p").item(0));
        String o1 = text((Element) orders.get(1).getElementsByTagName("p").item(0));
        assertTrue(o0.startsWith("#0 waited for " + HtmlNames.shortName(n.event, 80) + " while holding "
                + HtmlNames.shortName(n.lock, 80)), o0);
        assertTrue(o1.startsWith("#1 took " + HtmlNames.shortName(n.lock, 80) + " in code that produces "
                + HtmlNames.shortName(n.event, 80)), o1);

        // the drawing's arrows say the same in their tooltips
        List<String> tips = new ArrayList<>();
        for (Element t : all(section, ".//*[local-name()='g'][contains(@class,'arrow')]/*[local-name()='title']")) {
            tips.add(t.getTextContent());
        }
        assertEquals(List.of("#0: " + n.event + " waited for while holding " + n.lock + " (EN), closing the cycle"
                        + " in thread \"main\"",
                "#1: " + n.lock + " taken by code that produces " + n.event + " (SN), first seen in thread"
                        + " \"pool-1-thread-1\""),
                trimAt(tips));

        // the event is a node of its own look, with the legend's word for it
        Element event = one(section, ".//*[local-name()='g'][@class='node event']");
        assertEquals(n.event, text(one(event, "./*[local-name()='title']")));
        Element lock = one(section, ".//*[local-name()='g'][@class='node']");
        assertEquals(n.lock, text(one(lock, "./*[local-name()='title']")));
        Element legend = one(section, ".//*[local-name()='g'][@class='legend']");
        assertEquals("eventlock", legend.getTextContent());

        // the scenario: thread 1 holds the lock and waits, thread 2 runs the task and needs the lock
        List<String> steps = new ArrayList<>();
        for (Element c : all(section, ".//table[@class='scenario']//td/code")) {
            steps.add(text(c));
        }
        assertEquals(List.of("lock(" + lockShort + ");", "produce(" + eventShort + "):",
                "wait(" + eventShort + ");", "lock(" + lockShort + ");"), steps);
        String table = text(one(section, ".//table[@class='scenario']"));
        assertTrue(table.contains("wait(" + eventShort + "); waits: thread 2 must produce it"), table);
        assertTrue(table.contains("lock(" + lockShort + "); waits: thread 1 holds it"), table);

        // the fix: no global lock order, but the wait and the producer's lock, both named
        String hint = text(one(section, ".//div[@class='hint']"));
        assertFalse(hint.contains("global order"), hint);
        String ev = HtmlNames.shortName(n.event, 80);
        String lk = HtmlNames.shortName(n.lock, 80);
        assertTrue(hint.contains("Order #0 waits for " + ev + " while holding " + lk), hint);
        assertTrue(hint.contains("the code that produces the event takes " + lk + ": the wait can never end."), hint);
        assertTrue(hint.contains("Do not wait for " + ev + " while holding " + lk
                + " (release it first, or wait outside the lock), or produce " + ev + " without taking " + lk), hint);

        // the report text is the engine's, worded for the wait
        String report = one(section, ".//details[@class='report-text']/pre").getTextContent();
        assertTrue(report.contains("is about to wait for:\n  " + n.event + "\n"), report);
    }

    /** The tooltips up to their stack location (", at …"), which depends on this test's call depth. */
    private static List<String> trimAt(List<String> tips) {
        List<String> out = new ArrayList<>();
        for (String t : tips) {
            int at = t.indexOf(", at ");
            out.add(at < 0 ? t : t.substring(0, at));
        }
        return out;
    }

    @Test
    void aLockCycleKeepsTheLockWordsOnTheSamePage() throws Exception {
        Names n = new Names();
        String other = "monitor com.acme.Stock" + n.u;
        Recordings.engine(dir.resolve("two.jfr"), false, e -> {
            assertNull(taskTakes(e, "pool-1-thread-1", n.what, n.lock));
            assertNotNull(waitUnder(e, "main", n.lock, n.what));
            Recordings.nest(e, "a", n.lock, W, other, W);
            assertNotNull(Recordings.nest(e, "b", other, W, n.lock, W));
        });
        Document d = parse(cli("check", "two.jfr", "--format", "html").assertExit(1).out);
        List<Element> sections = all(d, "//section[contains(@class,'finding')]");
        assertEquals(2, sections.size());
        Element locks = text(sections.get(0)).contains(HtmlFinding.WAIT_LEAD) ? sections.get(1) : sections.get(0);
        assertEquals(Kinds.of("circular").shortDescription, text(one(locks, ".//p[@class='lead']")));
        assertTrue(text(one(locks, ".//div[@class='hint']")).contains("Take these locks in one global order"));
        assertTrue(all(locks, ".//*[local-name()='g'][@class='node event']").isEmpty());
        assertTrue(all(locks, ".//*[local-name()='g'][@class='legend']").isEmpty(), "no event, no legend");
        assertEquals(2, all(locks, ".//*[local-name()='g'][@class='node']").size());
    }

    @Test
    void aCycleOfALockAnEventAndAnotherLockNamesTheProducersLock() throws Exception {
        String u = Recordings.unique();
        String a = "ReentrantLock com.acme.Orders" + u + ".lock";
        String b = "monitor com.acme.Stock" + u;
        String ev = "event countDown of CountDownLatch com.acme.Orders" + u + ".ready";
        Recordings.builder()
                .finding("00000000000000e3", "circular", a + " -> " + ev + " -> " + b + " -> " + a, 3,
                        "WARNING: possible circular locking dependency detected\ncycle id: 00000000000000e3\n", "main",
                        stack("com.acme.Orders", "place", "Orders.java", 40))
                .edge("00000000000000e3", 0, a, ev, "EN", "main", stack("com.acme.Orders", "place", "Orders.java", 40),
                        "observed", "")
                .edge("00000000000000e3", 1, ev, b, "SN", "counter", stack("com.acme.Stock", "count", "Stock.java", 9),
                        "observed", "")
                .edge("00000000000000e3", 2, b, a, "EN", "stocker", stack("com.acme.Stock", "fill", "Stock.java", 20),
                        "observed", "")
                .write(dir.resolve("three.jfr"));
        Document d = parse(cli("check", "three.jfr", "--format", "html").assertExit(1).out);
        String hint = text(one(d, "//div[@class='hint']"));
        String as = HtmlNames.shortName(a, 80);
        String bs = HtmlNames.shortName(b, 80);
        String es = HtmlNames.shortName(ev, 80);
        assertTrue(hint.contains("Order #0 waits for " + es + " while holding " + as
                + " at Orders.place(Orders.java:40), and the code that produces the event takes " + bs
                + " (and so, through the chain, needs " + as + "): the wait can never end."), hint);
        assertTrue(hint.contains("or produce " + es + " without taking " + bs), hint);
        // three threads: the second produces the event and needs b, which the third holds while it needs a
        List<String> steps = new ArrayList<>();
        for (Element c : all(d, "//table[@class='scenario']//td/code")) {
            steps.add(text(c));
        }
        String as60 = HtmlNames.shortName(a, 60);
        String bs60 = HtmlNames.shortName(b, 60);
        String es60 = HtmlNames.shortName(ev, 60);
        assertEquals(List.of("lock(" + as60 + ");", "produce(" + es60 + "):", "lock(" + bs60 + ");",
                "wait(" + es60 + ");", "lock(" + bs60 + ");", "lock(" + as60 + ");"), steps);
    }

    @Test
    void mergeWordsAWaitWhoseHalvesRanInTwoJvms() throws Exception {
        Names n = new Names();
        Recordings.engine(dir.resolve("task.jfr"), true, e -> assertNull(taskTakes(e, "pool-1-thread-1", n.what,
                n.lock)));
        Recordings.engine(dir.resolve("wait.jfr"), true, e -> assertNull(waitUnder(e, "main", n.lock, n.what)));
        Recordings.EngineRun both = Recordings.engine(dir.resolve("both.jfr"), false, e -> {
            taskTakes(e, "pool-1-thread-1", n.what, n.lock);
            assertNotNull(waitUnder(e, "main", n.lock, n.what));
        });
        String oneJvmId = both.findings.get(0).cycleId();

        Run r = cli("merge", "task.jfr", "wait.jfr").assertExit(1).assertQuiet();
        assertTrue(r.out.contains("cycle id: " + oneJvmId + "\n"), "same id as in one JVM: " + r.out);
        assertTrue(r.out.contains("no single recording shows this cycle: its waits and lock orders were seen in"
                + " different\n"), r.out);
        // the task's order was first seen in the first recording: the chain starts there
        assertTrue(r.out.contains("-> #0 (" + n.lock + "): first seen in task.jfr, thread \"pool-1-thread-1\","
                + " taken by code that produces " + n.event + " -(SN)->\n"), r.out);
        assertTrue(r.out.contains("-> #1 (" + n.event + "): first seen in wait.jfr, thread \"main\", waited for"
                + " while holding " + n.lock + " -(EN)->\n"), r.out);
        assertFalse(r.out.contains("taken while holding"), r.out);
        assertTrue(r.out.contains("\n  produce(" + n.event + "):\n"
                + "                               lock(" + n.lock + ");\n"
                + "                               wait(" + n.event + ");\n"
                + "  lock(" + n.lock + ");\n"), r.out);
        assertFalse(r.out.contains("rlock("), "an event's producer holds no read lock: " + r.out);

        // the page shows the merged report and words the cycle for the wait too
        Document d = parse(cli("merge", "task.jfr", "wait.jfr", "--format", "html").assertExit(1).out);
        String hint = text(one(d, "//div[@class='hint']"));
        assertTrue(hint.contains("Order #1 waits for " + HtmlNames.shortName(n.event, 80) + " while holding "
                + HtmlNames.shortName(n.lock, 80)), hint);
        assertEquals(1, all(d, "//*[local-name()='g'][@class='node event']").size());
    }

    @Test
    void sarifMessagesSayWaitsAndProducersNotAcquisitions() throws Exception {
        Names n = new Names();
        write("src/main/java/com/acme/Shop.java", "package com.acme;\n" + "\n".repeat(60));
        Recordings.builder()
                .finding("00000000000000e2", "circular", n.lock + " -> " + n.event + " -> " + n.lock, 2,
                        "WARNING: possible circular locking dependency detected\ncycle id: 00000000000000e2\n", "main",
                        stack("com.acme.Shop", "save", "Shop.java", 40))
                .edge("00000000000000e2", 0, n.lock, n.event, "EN", "main", stack("com.acme.Shop", "save", "Shop.java",
                        40), "observed", "")
                .edge("00000000000000e2", 1, n.event, n.lock, "SN", "pool-1-thread-1", stack("com.acme.Shop", "task",
                        "Shop.java", 50), "observed", "")
                .write(dir.resolve("s.jfr"));
        Run r = cli("check", "s.jfr", "--format", "sarif").assertExit(1).assertQuiet();
        Object result = at(Json.parse(r.out), "runs", 0, "results", 0);
        assertEquals("waits for " + n.event + " while holding " + n.lock + " (EN)",
                at(result, "locations", 0, "message", "text"));
        assertEquals(n.lock + " held while waiting for " + n.event + " (EN), first seen in thread \"main\"",
                at(result, "relatedLocations", 0, "message", "text"));
        assertEquals(n.event + " produced by code that takes " + n.lock + " (SN), first seen in thread"
                + " \"pool-1-thread-1\"", at(result, "relatedLocations", 1, "message", "text"));
        List<Object> flows = arr(at(result, "codeFlows", 0, "threadFlows"));
        assertEquals(2, flows.size());
        List<Object> last = arr(at(flows.get(1), "locations"));
        assertEquals("takes " + n.lock + " in code that produces " + n.event,
                at(last.get(last.size() - 1), "location", "message", "text"));
        assertFalse(r.out.contains("takes " + n.event), r.out);
        assertFalse(r.out.contains("while taking " + n.event), r.out);
    }

    @Test
    void dotDrawsTheEventDashedAndJunitAndJsonCarryTheEnginesWords() throws Exception {
        Names n = new Names();
        Recordings.engine(dir.resolve("w.jfr"), false, e -> {
            taskTakes(e, "pool-1-thread-1", n.what, n.lock);
            assertNotNull(waitUnder(e, "main", n.lock, n.what));
        });
        String dot = cli("check", "w.jfr", "--format", "dot").assertExit(1).out;
        List<String> nodes = new ArrayList<>();
        for (String line : dot.split("\n")) {
            if (line.matches(" {2}n\\d+ \\[label=.*")) {
                nodes.add(line);
            }
        }
        assertEquals(2, nodes.size(), dot);
        for (String line : nodes) {
            assertEquals(line.contains("\"" + n.event + "\""), line.contains("style=\"dashed\""), line);
        }

        String junit = cli("check", "w.jfr", "--format", "junit").assertExit(1).out;
        assertTrue(junit.contains("is about to wait for:\n  " + Xml.escape(n.event, false) + "\n"), junit);
        assertTrue(junit.contains("which is produced by code that takes this lock."), junit);

        Object finding = at(Json.parse(cli("check", "w.jfr", "--format", "json").assertExit(1).out), "findings", 0);
        assertEquals(n.event, at(finding, "edges", 0, "to"));
        assertTrue(((String) at(finding, "report")).contains("wait(" + n.event + ");"));
    }

    @Test
    void aOneThreadScenarioKeepsWaitAndProduceSteps() {
        String report = "WARNING: x\n Possible unsafe locking scenario:\n\n       Thread-1\n       --------\n"
                + "  produce(event completion of task T):\n  lock(L);\n  wait(event completion of task T);\n\n"
                + " *** DEADLOCK ***\n";
        assertEquals(List.of("produce(event completion of task T):", "lock(L);", "wait(event completion of task T);"),
                HtmlScenario.reportSteps(report));
    }

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
