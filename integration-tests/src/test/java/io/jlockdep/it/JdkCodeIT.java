package io.jlockdep.it;

import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.JdkInversions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inversions whose locks are taken inside JDK code, found with the default options (the agent rewrites the
 * synchronized code of every JDK module but the internals it runs on). One JVM per JDK.
 */
class JdkCodeIT {
    private static final Class<?> P = JdkInversions.class;

    private static final Memo<Jvm, RunResult> RUNS = new Memo<>(jvm -> Fork.program(JdkInversions.class).on(jvm)
            .jfr().args("synchronized-map-equals", "synchronized-list-addall", "synchronized-list-vs-lock",
                    "hashtable-equals", "one-site-hashtable-equals", "one-site-map-equals", "stringbuffer-append", "vector-equals", "blocking-queue",
                    "logging-formatter", "logging-stream", "bean-context")
            .run());

    private static JfrData jfr(Jvm jvm) {
        jvm.assumeAvailable();
        return RUNS.get(jvm).assertExit(0).jfr();
    }

    /**
     * Two objects of a JDK monitor type allocated at two sites of the program are two lock classes (one
     * role each), so comparing them both ways is a plain circular dependency between the two sites.
     */
    private static void assertSiteInversion(Jvm jvm, String kind, String method, String secondThread) {
        String prefix = kind + "@" + P.getName() + "." + method + "#";
        Finding f = jfr(jvm).single("circular", prefix + "1", prefix + "2");
        assertEquals(secondThread, f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedMapEqualsBothWays(Jvm jvm) {
        assertSiteInversion(jvm, "SynchronizedMap", "synchronizedMapEquals", "map-2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedListAddAllBothWays(Jvm jvm) {
        assertSiteInversion(jvm, "SynchronizedList", "synchronizedListAddAll", "list-2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void synchronizedListCallbackAgainstApplicationLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "SynchronizedList@" + P.getName() + ".synchronizedListVsLock#1",
                site("ReentrantLock", P, "synchronizedListVsLock", "sync-list-x"));
        assertEquals("list-add", f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void hashtableEqualsBothWays(Jvm jvm) {
        assertSiteInversion(jvm, "Hashtable", "hashtableEquals", "hashtable-2");
    }

    /** Two tables of one role (one allocation site) compared both ways: an inversion inside one class. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void oneSiteHashtablesInvertInsideTheirClass(Jvm jvm) {
        Finding f = jfr(jvm).single("instance-inversion", "Hashtable@" + P.getName() + ".table#1");
        assertEquals("one-site-table-2", f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void oneSiteSynchronizedMapsInvertInsideTheirClass(Jvm jvm) {
        Finding f = jfr(jvm).single("instance-inversion", "SynchronizedMap@" + P.getName() + ".syncMap#1");
        assertEquals("one-site-map-2", f.thread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void stringBufferAppendBothWays(Jvm jvm) {
        assertSiteInversion(jvm, "StringBuffer", "stringBufferAppend", "buffer-2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void vectorEqualsBothWays(Jvm jvm) {
        assertSiteInversion(jvm, "Vector", "vectorEquals", "vector-2");
    }

    /** drainTo holds the queue's takeLock (a ReentrantLock allocated in LinkedBlockingQueue) while adding. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void blockingQueueDrainToAgainstApplicationLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular",
                "ReentrantLock java.util.concurrent.LinkedBlockingQueue.takeLock",
                site("ReentrantLock", P, "blockingQueue", "queue-x"));
        assertEquals("poller", f.thread());
    }

    /**
     * StreamHandler.publish formats under the handler's lock up to JDK 24; JDK-8349206 (JDK 25) formats
     * outside it, so there is no inversion to find there. The program reports which behaviour it saw.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void loggingFormatterUnderTheHandlerLock(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        String x = site("ReentrantLock", P, "loggingFormatter", "logging-formatter-x");
        if (Boolean.parseBoolean(jfr.run().value("FORMAT_UNDER_LOCK"))) {
            Finding f = jfr.single("circular", "monitor java.util.logging.StreamHandler", x);
            assertEquals("locked-logger", f.thread());
        } else {
            jfr.assertNoneInvolving(x);
        }
    }

    /** Every JDK writes under the handler's lock; a big record reaches the output stream (which takes Y) at once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void loggingOutputStreamUnderTheHandlerLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", "monitor java.util.logging.StreamHandler",
                site("ReentrantLock", P, "loggingStream", "logging-stream-y"));
        assertEquals("locked-stream-logger", f.thread());
    }

    private static final String GLOBAL_HIERARCHY_LOCK = "Object java.beans.beancontext.BeanContext.globalHierarchyLock";

    /**
     * java.desktop, outside the JDK packages instrumented before: BeanContextSupport.add/remove take the
     * child's monitor under BeanContext.globalHierarchyLock, and a child leaving on its own
     * (BeanContextChildSupport.setBeanContext, synchronized) reaches the context's propertyChange, which
     * takes globalHierarchyLock. On every JDK, JDK 25 included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void beanContextChildAgainstTheGlobalHierarchyLock(Jvm jvm) {
        Finding f = jfr(jvm).single("circular", GLOBAL_HIERARCHY_LOCK,
                "monitor java.beans.beancontext.BeanContextChildSupport");
        assertEquals("bean-leave", f.thread());
    }

    /**
     * JDK-8238170 (ECOOP 2005's deadlock in Sun's JDK): up to JDK 24 propertyChange takes the context's
     * children map, then globalHierarchyLock (in remove), while remove takes them the other way round. JDK 25
     * takes globalHierarchyLock first; the program reports which propertyChange it saw.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void beanContextChildrenAgainstTheGlobalHierarchyLock(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        if (Boolean.parseBoolean(jfr.run().value("BEAN_CHILDREN_FIRST"))) {
            Finding f = jfr.single("circular", GLOBAL_HIERARCHY_LOCK, "monitor java.util.HashMap");
            assertEquals("bean-leave", f.thread());
        } else {
            assertTrue(jfr.involving(GLOBAL_HIERARCHY_LOCK, "monitor java.util.HashMap").isEmpty(),
                    jfr::describeFindings);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void nothingElse(Jvm jvm) {
        JfrData jfr = jfr(jvm);
        boolean formatter = Boolean.parseBoolean(jfr.run().value("FORMAT_UNDER_LOCK"));
        boolean children = Boolean.parseBoolean(jfr.run().value("BEAN_CHILDREN_FIRST"));
        assertEquals(10 + (formatter ? 1 : 0) + 1 + (children ? 1 : 0), jfr.findings().size(),
                jfr::describeFindings);
        assertEquals(0, jfr.statistics().limitHits());
    }
}
