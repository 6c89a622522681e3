package io.jlockdep.bootstrap;

import io.jlockdep.core.LockClass;
import io.jlockdep.core.Lockdep;
import io.jlockdep.core.WeakIdentityMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Every naming decision of the hooks: which lock class a lock object belongs to, and which object the
 * engine knows it by.
 *
 * <ul>
 *   <li>Allocated in instrumented code: named by {@link SiteClasses} after the field it was stored into or
 *       the method that allocated it, refined by its owner ({@code ReentrantLock com.acme.Bank.lock},
 *       {@code ReentrantLock@com.acme.Bank.transfer#2}). {@code StampedLock}s get a pseudo class: they are
 *       not reentrant.</li>
 *   <li>A {@code j.u.c} lock allocated where we could not see it: {@code ReentrantLock@(unknown site)} for
 *       the JDK's own type, {@code ReentrantLock com.acme.MyLock} for a subclass.</li>
 *   <li>A monitor: its allocation's class when its type is noted (see {@link MonitorTypes}), else
 *       {@code monitor T} for its runtime type, {@code class T} for a {@code Class} object. A plain
 *       {@code Object} of unknown site says nothing about its role, so it is a class of its own,
 *       {@code java.lang.Object#n}, up to {@value #MAX_OBJECT_CLASSES} of them (then
 *       {@code monitor java.lang.Object}), so that streams of such objects cannot use up the engine's
 *       classes. A {@code ConcurrentHashMap}'s bins are {@code bins of <the map's class>}.</li>
 *   <li>Identities: a lock is itself, except that both halves of a {@code ReentrantReadWriteLock} are its
 *       shared {@code sync} (so read and write holds meet in one held entry: that is how an upgrade is seen),
 *       and a {@code Condition} stands for the lock whose awaits release.</li>
 * </ul>
 *
 * <p>Two weak identity tables, each of one type: lock classes and stood-for identities. Lookups take no lock
 * and allocate nothing, since {@link #monitorClass} and {@link #jucClass} run on every acquisition; a monitor
 * whose type is not noted costs no table lookup at all, and one whose class has a {@link NameField} keeps its
 * class there instead of in the table. Allocations go in with {@code putNew}: a
 * just-constructed object cannot be in the table yet, so the insert skips the search for an older entry.
 */
public final class LockNames {
    static final String REENTRANT_LOCK = "ReentrantLock";
    static final String READ_WRITE_LOCK = "ReentrantReadWriteLock";
    static final String STAMPED_LOCK = "StampedLock";
    private static final String UNKNOWN_SITE = "@(unknown site)";
    private static final long MAX_OBJECT_CLASSES = 1024;

    /** The lock class of each lock object named so far (by allocation site, or on first use). */
    private static final WeakIdentityMap<LockClass> CLASSES = new WeakIdentityMap<>();
    /** The identity a read/write lock (its sync) or a Condition (its lock) stands for. */
    private static final WeakIdentityMap<Object> STANDS_FOR = new WeakIdentityMap<>();
    private static MonitorTypes monitors;
    private static MonitorTypes classObjects;
    private static SiteClasses sites;
    private static long objectSeq;

    private LockNames() {
    }

    /** Names monitors and allocations for engine {@code e} from now on. */
    static void arm(Lockdep e) {
        monitors = new MonitorTypes(e, "monitor ");
        classObjects = new MonitorTypes(e, "class ");
        sites = new SiteClasses(e);
        // Load every naming class now: a bootstrap class loaded for the first time inside a hook, while
        // a class is being transformed, fails with ClassCircularityError.
        monitors.get(Object.class).noted();
        monitors.get(LockNames.class).noted(); // an application type's path: the lock interfaces, NameField
        sites.preload();
        EventNames.of(EventNames.class); // loads EventNames and the synchronizer types it names
        EventNames.executorOf(EventNames.class);
    }

    /**
     * Whether allocations of {@code o}'s type are named (locks, plain Objects and noted monitor types); the
     * allocation hooks return at once otherwise.
     */
    static boolean noted(Object o) {
        Class<?> type = o.getClass();
        return type == Object.class || isJucLock(o) || EventNames.verbOf(o) != null || monitors.get(type).noted();
    }

    /** Names {@code o}, allocated with no owner (static code, before {@code super()}, a static field). */
    static void allocated(Object o, String name, String where, boolean stored) {
        name(o, sites.plain(name, where, stored, o));
    }

    /** Names {@code o}, allocated in an instance method of {@code owner}. */
    static void allocatedBy(Object o, Object owner, String name, String where) {
        name(o, sites.owned(name, owner, noteOf(owner), where, o));
    }

    /** Names {@code o}, stored into a field of {@code holder}; {@code site} is {@code "Kind .field"}. */
    static void stored(Object holder, Object o, String site, String where) {
        name(o, sites.stored(site, holder, noteOf(holder), where, o));
    }

    /** Stores the class of a new object: in its {@link NameField} when its class has one, else in the table. */
    private static void name(Object o, LockClass c) {
        long field = monitors.get(o.getClass()).field;
        if (field != NameField.NONE) {
            NameField.set(o, field, c);
        } else {
            CLASSES.putNew(keyOf(o), c);
        }
    }

    /** The class a noted monitor was named with at its allocation, or null. */
    private static LockClass named(MonitorTypes.Type t, Object o) {
        return t.field != NameField.NONE ? NameField.get(o, t.field) : CLASSES.get(o);
    }

    /**
     * Told by the rewriter: {@code className} declares synchronized instance methods or lock-holding fields,
     * so its objects are named where they are allocated (see {@link MonitorTypes}).
     */
    public static void declareMonitorType(String className) {
        MonitorTypes.declare(className);
    }

    /** The class {@code owner} was named with, when its type is noted. */
    private static LockClass noteOf(Object owner) {
        Class<?> type = owner.getClass();
        if (type == Object.class) {
            return CLASSES.get(owner);
        }
        MonitorTypes.Type t = monitors.get(type);
        return t.noted() ? named(t, owner) : null;
    }

    private static boolean isJucLock(Object o) {
        return o instanceof ReentrantLock || o instanceof ReentrantReadWriteLock || o instanceof StampedLock;
    }

    /** From now on the engine knows {@code lock} by {@code identity}. */
    static void standsFor(Object lock, Object identity) {
        STANDS_FOR.put(lock, identity);
    }

    /**
     * The key of a new object's class: its lock identity, except for a synchronizer, whose class is its event's
     * (a {@code Condition} stands for its lock as a lock, but has an event of its own).
     */
    private static Object keyOf(Object o) {
        return EventNames.verbOf(o) != null ? o : identityOf(o);
    }

    /** The class {@code o} was named with (a lock's, or an event's), or null. */
    static LockClass classOf(Object o) {
        return CLASSES.get(o);
    }

    /** Names {@code o} (a task's future, a thread) with event class {@code event}. */
    static void nameEvent(Object o, LockClass event) {
        CLASSES.putNew(o, event);
    }

    /** The object the engine knows {@code lock} by: a {@code ReentrantReadWriteLock}'s sync, else itself. */
    public static Object identityOf(Object lock) {
        Object identity = STANDS_FOR.get(lock);
        return identity != null ? identity : lock;
    }

    /** The lock identity a {@code Condition} belongs to, or null when it was created by an untracked lock. */
    static Object lockOf(Object condition) {
        return STANDS_FOR.get(condition);
    }

    /** The lock class of monitor {@code o}. */
    static LockClass monitorClass(Lockdep e, Object o) {
        Class<?> type = o.getClass();
        if (type == Class.class) {
            return classObjects.get((Class<?>) o).typeClass();
        }
        if (type == Object.class) {
            LockClass known = CLASSES.get(o);
            if (known != null) {
                return known;
            }
            long n = nextObjectSeq();
            LockClass own = n <= MAX_OBJECT_CLASSES ? e.lockClass("java.lang.Object#" + n)
                    : e.lockClass("monitor java.lang.Object");
            return CLASSES.putIfAbsent(o, own);
        }
        MonitorTypes.Type t = monitors.get(type);
        if (t.noted()) {
            LockClass known = named(t, o);
            if (known != null) {
                return known;
            }
        } else {
            t.usedAsMonitor();
        }
        return t.typeClass();
    }

    /**
     * The lock class of monitor {@code o} when it is {@code o}'s for good (see {@link Lockdep#acquireRemembered}),
     * else null and the caller asks {@link #monitorClass}: an object of a noted type that was not named may
     * still be (it is being constructed: its allocation hook runs after the constructor), and an application
     * type may start being noted.
     */
    static LockClass monitorClassForGood(Lockdep e, Object o) {
        Class<?> type = o.getClass();
        if (type == Class.class || type == Object.class) {
            return monitorClass(e, o);
        }
        MonitorTypes.Type t = monitors.get(type);
        if (t.noted()) {
            return named(t, o);
        }
        return t.fixed() ? t.typeClass() : null;
    }

    /**
     * The class of a monitor {@code ConcurrentHashMap} code enters on behalf of {@code map}: its bins (nodes
     * the map made and never hands out) are {@code bins of <the map's class>}, so unrelated maps' bins
     * never merge.
     */
    static LockClass binClass(Lockdep e, Object bin, Object map) {
        if (bin == map) {
            return monitorClass(e, bin);
        }
        LockClass mapClass = CLASSES.get(map);
        return sites.bins(mapClass != null ? mapClass : monitors.get(map.getClass()).typeClass());
    }

    /**
     * The lock class of the {@code j.u.c} lock known by {@code id}; {@code kind} is {@link #REENTRANT_LOCK},
     * {@link #READ_WRITE_LOCK} or {@link #STAMPED_LOCK}. It is the lock's for good: the first class entered
     * for it stays.
     */
    static LockClass jucClass(Lockdep e, Object id, String kind) {
        LockClass known = CLASSES.get(id);
        if (known != null) {
            return known;
        }
        Class<?> type = id.getClass();
        String name = type.getName().startsWith("java.util.concurrent.locks.") ? kind + UNKNOWN_SITE
                : kind + " " + type.getTypeName();
        LockClass cls = STAMPED_LOCK.equals(kind) ? e.pseudoClass(name) : e.lockClass(name);
        return CLASSES.putIfAbsent(id, cls.markManyRoles());
    }

    /** Lock objects the hooks currently know (tests and statistics). */
    public static int knownLocks() {
        return CLASSES.size() + STANDS_FOR.size();
    }

    /**
     * For the sweeper: waits for a collected lock (see {@link WeakIdentityMap#awaitCollected}), then lets go
     * of collected read/write locks and conditions too.
     */
    static boolean awaitCollected(long timeoutMillis) throws InterruptedException {
        boolean collected = CLASSES.awaitCollected(timeoutMillis);
        STANDS_FOR.expunge(null);
        return collected;
    }

    private static synchronized long nextObjectSeq() {
        return ++objectSeq;
    }
}
