package io.jlockdep.it.programs;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Genuine inversions through real library code, which a more precise class formation must still find. Each
 * can deadlock when its two halves run at once; here they run one after the other.
 */
public final class RealInversions {
    private RealInversions() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "synchronized-map-compute", (Prog.Scenario) RealInversions::synchronizedMapCompute,
                "caffeine-loader-vs-write", (Prog.Scenario) RealInversions::caffeineLoaderVsWrite,
                "hashtable-equals", (Prog.Scenario) RealInversions::hashtableEquals,
                "pool-borrow-under-lock", (Prog.Scenario) RealInversions::poolBorrowUnderLock);
    }

    /** Counts kept in a synchronized map, and a version guarded by the registry's own lock. */
    static final class Registry {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, Integer> counts = Collections.synchronizedMap(new HashMap<>());
        int version;

        /** The remapping function runs under the map's lock and takes the registry's lock. */
        void recount(String key) {
            counts.compute(key, (k, v) -> {
                lock.lock();
                try {
                    version++;
                } finally {
                    lock.unlock();
                }
                return v == null ? 1 : v + 1;
            });
        }

        /** The registry's lock held around a write to the map: the other order. */
        void publish(String key) {
            lock.lock();
            try {
                counts.put(key, version);
            } finally {
                lock.unlock();
            }
        }
    }

    static void synchronizedMapCompute() {
        Registry r = new Registry();
        Prog.halves("recount", () -> r.recount("a"), "publish", () -> r.publish("b"));
    }

    /** The system of record: the cache's loader reads it under its lock; save writes the cache through under it. */
    static final class Store {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, String> rows = new HashMap<>();

        String load(String key) {
            lock.lock();
            try {
                return rows.getOrDefault(key, "none");
            } finally {
                lock.unlock();
            }
        }

        void save(String key, String value, LoadingCache<String, String> cache) {
            lock.lock();
            try {
                rows.put(key, value);
                cache.put(key, value);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * A Caffeine load runs inside ConcurrentHashMap.compute, holding the key's bin, and takes the store's lock;
     * a write-through holds the store's lock and writes an absent key of the same bin. "AaAa", "AaBB" and "BBAa"
     * have one hash code, so they share a bin: a load of AaBB and a save of BBAa at once deadlock.
     */
    static void caffeineLoaderVsWrite() {
        Store store = new Store();
        LoadingCache<String, String> cache = Caffeine.newBuilder().maximumSize(100).build(store::load);
        Prog.check("AaAa".hashCode() == "AaBB".hashCode() && "AaAa".hashCode() == "BBAa".hashCode(), "colliding keys");
        cache.put("AaAa", "first"); // the bin is no longer empty: compute and putIfAbsent lock its first node
        Prog.halves("cache-load", () -> cache.get("AaBB"), "cache-save", () -> store.save("BBAa", "v", cache));
    }

    /** Both tables come from this one site, so they are one lock class: the inversion is between instances. */
    static Hashtable<String, Integer> table() {
        Hashtable<String, Integer> t = new Hashtable<>();
        t.put("k", 1);
        return t;
    }

    /** Hashtable.equals is synchronized and calls the other table's synchronized methods: both ways. */
    static void hashtableEquals() {
        Hashtable<String, Integer> h1 = table();
        Hashtable<String, Integer> h2 = table();
        Prog.halves("hashtable-1", () -> Prog.check(h1.equals(h2), "tables equal"),
                "hashtable-2", () -> Prog.check(h2.equals(h1), "tables equal"));
    }

    /** Connections leased from a commons-pool2 pool of one, with a lease book guarded by its own lock. */
    static final class Leases {
        final ReentrantLock lock = new ReentrantLock();
        final GenericObjectPool<StringBuilder> pool;

        Leases() {
            GenericObjectPoolConfig<StringBuilder> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(1);
            config.setMaxWait(Duration.ofMillis(200));
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<StringBuilder>() {
                @Override
                public StringBuilder create() {
                    return new StringBuilder();
                }

                @Override
                public PooledObject<StringBuilder> wrap(StringBuilder connection) {
                    return new DefaultPooledObject<>(connection);
                }
            }, config);
        }

        /** Returns a connection holding the lease book's lock. */
        void giveBack(StringBuilder connection) {
            lock.lock();
            try {
                pool.returnObject(connection);
            } finally {
                lock.unlock();
            }
        }

        /** Borrows holding the lease book's lock: with the pool exhausted it waits for a return, which needs it. */
        void borrowUnderLock() throws Exception {
            lock.lock();
            try {
                pool.returnObject(pool.borrowObject());
            } catch (NoSuchElementException timedOut) {
                // the pool's maxWait: a stall, not a hang, but the same deadlock
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * An exhausted pool's borrowObject waits (inside commons-pool2, on its own deque's Condition) for a
     * return; the returning thread holds the lock the borrower holds. At once: the borrower waits until
     * maxWait for a connection the returner cannot give back.
     */
    static void poolBorrowUnderLock() throws Exception {
        Leases leases = new Leases();
        StringBuilder connection = leases.pool.borrowObject();
        Prog.halves("lease-return", () -> leases.giveBack(connection), "lease-borrow", () -> {
            StringBuilder held = leases.pool.borrowObject(); // the returned one: exhausted again
            leases.borrowUnderLock();
            leases.pool.returnObject(held);
        });
        leases.pool.close();
    }
}
