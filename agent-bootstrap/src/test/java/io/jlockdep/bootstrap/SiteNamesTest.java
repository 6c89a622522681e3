package io.jlockdep.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import java.util.Hashtable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How allocations are named ({@link SiteClasses} through {@link AllocationHooks}): by field and owner type,
 * by method ordinal, one level further by an owner held in a field, and ConcurrentHashMap bins by their map.
 * The constants are what {@code BytecodeRewriter} emits.
 */
class SiteNamesTest {
    /** Two pool types sharing a base class's lock field, as commons-pool2's pools do. */
    static class BasePool {
        final Object closeLock = new Object();
    }

    static final class KeyedPool extends BasePool {
    }

    static final class PlainPool extends BasePool {
    }

    static final class DataSource {
    }

    private Lockdep engine;

    @BeforeEach
    void arm() {
        engine = HookTesting.install(false);
    }

    @AfterEach
    void disarm() {
        HookTesting.uninstall();
    }

    private LockClass classOf(Object o) {
        return LockNames.monitorClass(engine, o);
    }

    @Test
    void aLatchIsNamedForItsEventOnlyWhileEventsAreWatched() {
        try {
            java.util.concurrent.CountDownLatch watched = new java.util.concurrent.CountDownLatch(1);
            AllocationHooks.allocated(watched, "CountDownLatch x.Jobs.READY", "x.Jobs.<clinit>(Jobs.java:4)");
            assertEquals("event countDown of CountDownLatch x.Jobs.READY", EventNames.of(watched).name());
            EventHooks.configure(false, true); // events=off: a latch is nobody's lock, its allocation costs nothing
            java.util.concurrent.CountDownLatch ignored = new java.util.concurrent.CountDownLatch(1);
            AllocationHooks.allocated(ignored, "CountDownLatch x.Jobs.DONE", "x.Jobs.<clinit>(Jobs.java:5)");
            assertEquals(null, LockNames.classOf(ignored));
        } finally {
            EventHooks.configure(true, true);
        }
    }

    private static final String CLOSE_LOCK = "Object .closeLock";
    private static final String WHERE = "x.BasePool.<init>(BasePool.java:3)";

    @Test
    void aFieldIsNamedByItsOwnersRuntimeTypeSoOneBaseClassGivesTwoClasses() {
        KeyedPool keyed = new KeyedPool();
        PlainPool plain = new PlainPool();
        AllocationHooks.stored(keyed, keyed.closeLock, CLOSE_LOCK, WHERE);
        AllocationHooks.stored(plain, plain.closeLock, CLOSE_LOCK, WHERE);
        assertEquals("Object " + KeyedPool.class.getName() + ".closeLock", classOf(keyed.closeLock).name());
        assertEquals("Object " + PlainPool.class.getName() + ".closeLock", classOf(plain.closeLock).name());
        PlainPool another = new PlainPool();
        AllocationHooks.stored(another, another.closeLock, CLOSE_LOCK, WHERE);
        assertSame(classOf(plain.closeLock), classOf(another.closeLock), "one role, one class");
        assertEquals(WHERE, classOf(plain.closeLock).origin(), "the line is kept as the origin, not in the name");
    }

    @Test
    void aMethodsAllocationIsNamedByOrdinalAndTheSubclassThatRanIt() {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        String site = "ReentrantLock@" + BasePool.class.getName() + ".transfer#2";
        AllocationHooks.allocatedBy(a, new BasePool(), site, WHERE);
        AllocationHooks.allocatedBy(b, new KeyedPool(), site, WHERE);
        assertEquals(site, LockNames.jucClass(engine, a, LockNames.REENTRANT_LOCK).name());
        assertEquals(site + " in " + KeyedPool.class.getName(),
                LockNames.jucClass(engine, b, LockNames.REENTRANT_LOCK).name());
    }

    @Test
    void anOwnerHeldInAFieldRefinesWhatItAllocatesOneLevelOnly() {
        DataSource ds = new DataSource();
        LockNames.declareMonitorType(PlainPool.class.getName()); // its lock field makes it a monitor type
        PlainPool connections = new PlainPool();
        PlainPool statements = new PlainPool();
        AllocationHooks.stored(ds, connections, "PlainPool .connectionPool", WHERE);
        AllocationHooks.stored(ds, statements, "PlainPool .statementPool", WHERE);
        Object c = new Object();
        Object s = new Object();
        AllocationHooks.allocatedBy(c, connections, "Object@x.BasePool.create#1", WHERE);
        AllocationHooks.allocatedBy(s, statements, "Object@x.BasePool.create#1", WHERE);
        String prefix = "Object@x.BasePool.create#1 in " + PlainPool.class.getName() + " of PlainPool "
                + DataSource.class.getName();
        assertEquals(prefix + ".connectionPool", classOf(c).name());
        assertEquals(prefix + ".statementPool", classOf(s).name());
        // A third level is not added: the refinement names the owner's role without its own owner.
        Object inner = new Object();
        LockNames.declareMonitorType(BasePool.class.getName());
        BasePool holder = new BasePool();
        AllocationHooks.stored(connections, holder, "BasePool .inner", WHERE);
        AllocationHooks.allocatedBy(inner, holder, "Object@x.BasePool.create#1", WHERE);
        assertEquals(1, count(classOf(inner).name(), " of "), classOf(inner).name());
    }

    @Test
    void anOwnerAllocatedInAMethodBodyDoesNotRefine() {
        LockNames.declareMonitorType(PlainPool.class.getName());
        PlainPool local = new PlainPool();
        AllocationHooks.allocated(local, "PlainPool@x.SomeTest.run#1", WHERE);
        Object lock = new Object();
        AllocationHooks.allocatedBy(lock, local, "Object@x.BasePool.create#1", WHERE);
        assertEquals("Object@x.BasePool.create#1 in " + PlainPool.class.getName(), classOf(lock).name());
    }

    @Test
    void unseenJdkMonitorsKeepATypeClassThatNeverMergesWithNamedOnes() {
        Hashtable<String, String> named = new Hashtable<>();
        AllocationHooks.allocated(named, "Hashtable org.acme.LogFactory.factories", WHERE);
        Hashtable<String, String> unseen = new Hashtable<>();
        assertEquals("Hashtable org.acme.LogFactory.factories", classOf(named).name());
        assertEquals("monitor java.util.Hashtable", classOf(unseen).name());
    }

    @Test
    void binsAreClassedByTheirMap() {
        ConcurrentHashMap<String, String> caches = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, String> other = new ConcurrentHashMap<>();
        DataSource holder = new DataSource();
        AllocationHooks.stored(holder, caches, "ConcurrentHashMap .caches", WHERE);
        AllocationHooks.stored(holder, other, "ConcurrentHashMap .other", WHERE);
        Object bin1 = new Object();
        Object bin2 = new Object();
        LockClass c1 = LockNames.binClass(engine, bin1, caches);
        assertEquals("bins of ConcurrentHashMap " + DataSource.class.getName() + ".caches", c1.name());
        assertSame(c1, LockNames.binClass(engine, bin2, caches), "every bin of one map is one class");
        assertNotSame(c1, LockNames.binClass(engine, bin1, other));
        assertEquals("bins of monitor java.util.concurrent.ConcurrentHashMap",
                LockNames.binClass(engine, bin1, new ConcurrentHashMap<>()).name());
    }

    @Test
    void monitorEnterInAMapUsesTheBinClassAndBalances() {
        ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
        Object bin = new Object();
        MonitorHooks.binEnter(bin, map);
        assertEquals(java.util.List.of("bins of monitor java.util.concurrent.ConcurrentHashMap/EXCLUSIVE/1"),
                HookTesting.held(engine));
        MonitorHooks.monitorExit(bin);
        assertEquals(0, engine.depth());
        assertNotEquals(0, engine.statistics().classes());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
