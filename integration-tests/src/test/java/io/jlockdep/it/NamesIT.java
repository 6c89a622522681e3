package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lock class names, and so cycle ids, survive edits and JDK updates: a user's program compiled twice — the second
 * time with lines added above its lock fields — gives the same cycle ids, on JDK 17 and on JDK 25, including a
 * cycle through a lock the JDK allocated ({@code LinkedBlockingQueue}'s take lock, whose line differs between
 * those JDKs). The reports still say where each lock was made, with the line of each version.
 */
class NamesIT {
    private static final String BANK = """
            package com.acme;

            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;

            public class Bank {
            %s    private final ReentrantLock lock = new ReentrantLock();
                private final List<String> pending = Collections.synchronizedList(new ArrayList<>());
                private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();

                void audit(Object account) {
                    lock.lock();
                    try {
                        synchronized (account) {
                            account.hashCode();
                        }
                    } finally {
                        lock.unlock();
                    }
                }

                void deposit(Object account) {
                    synchronized (account) {
                        lock.lock();
                        lock.unlock();
                    }
                }

                void drain() {
                    queue.add("x");
                    queue.drainTo(pending); // the queue's take lock, then the list's monitor
                }

                void flush() {
                    queue.add("y"); // poll on an empty queue returns without locking
                    synchronized (pending) {
                        queue.poll(); // the list's monitor, then the queue's take lock
                    }
                }

                public static void main(String[] args) throws Exception {
                    Bank bank = new Bank();
                    Object account = new Object();
                    run(() -> { bank.audit(account); bank.drain(); });
                    run(() -> { bank.deposit(account); bank.flush(); });
                }

                static void run(Runnable r) throws InterruptedException {
                    Thread t = new Thread(r);
                    t.start();
                    t.join();
                }
            }
            """;

    /** What an edit adds above the fields: the lock moves from line 10 to line 14. */
    private static final String EDIT = """
                // The bank's books. These comment lines were added in a later commit;
                // they move every lock below them down by four lines.

                private int accounts;
            """;

    private static final String LOCK = "ReentrantLock com.acme.Bank.lock";
    private static final String LIST = "SynchronizedList com.acme.Bank.pending";
    private static final String TAKE = "ReentrantLock java.util.concurrent.LinkedBlockingQueue.takeLock";

    /** Compiles one version of the program into a runnable jar. */
    private static Path program(String name, String edit) throws IOException {
        Path dir = Fork.newDir("names-" + name);
        Path src = dir.resolve("src/com/acme/Bank.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.format(BANK, edit));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK with javac");
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(new PrintWriter(log), null, null,
                java.util.List.of("--release", "17", "-g", "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        assertTrue(ok, log::toString);
        Path jar = dir.resolve("bank.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.acme.Bank");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m);
             var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** Runs one version on one JDK: cycle id by the sorted lock classes of each finding. */
    private static Map<String, String> ids(Path jar, Jvm jvm, String lockLine) {
        RunResult r = Fork.jar(jar).on(jvm).jfr().run().assertExit(0);
        JfrData jfr = r.jfr();
        Finding money = jfr.single("circular", LOCK, "Object@com.acme.Bank.main#1");
        Finding queue = jfr.single("circular", LIST, TAKE);
        assertEquals(2, jfr.findings().size(), jfr::describeFindings);
        assertTrue(money.report().contains(LOCK + " (allocated at com.acme.Bank.<init>(Bank.java:" + lockLine + "))"),
                money::report);
        Map<String, String> ids = new TreeMap<>();
        ids.put("money", money.cycleId());
        ids.put("queue", queue.cycleId());
        return ids;
    }

    private static Path before;
    private static Path after;
    private static Map<String, String> reference;

    /** Both versions compiled once; the reference ids are JDK 17's for the first version. */
    private static synchronized Map<String, String> reference() throws IOException {
        if (reference == null) {
            before = program("before", "");
            after = program("after", EDIT);
            reference = ids(before, Jvm.JDK17, "10");
        }
        return reference;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void addingLinesAboveTheLocksKeepsEveryCycleIdOnBothJdks(Jvm jvm) throws IOException {
        jvm.assumeAvailable();
        Map<String, String> ref = reference();
        assertNotEquals(ref.get("money"), ref.get("queue"));
        assertEquals(ref, ids(before, jvm, "10"), "other cycle ids on " + jvm + " than on " + Jvm.JDK17);
        assertEquals(ref, ids(after, jvm, "14"), "an edit above the locks changed cycle ids on " + jvm);
    }
}
