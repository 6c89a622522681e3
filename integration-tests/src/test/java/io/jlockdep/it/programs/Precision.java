package io.jlockdep.it.programs;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.ObjectPool;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Correct programs over real libraries (commons-pool2, commons-dbcp2 over H2, Caffeine, Guava, Logback, Log4j 2,
 * java.util.logging) and JDK types used in several unrelated roles. None of them can deadlock, so the agent must
 * report nothing: a finding here is a false positive of lock-class formation (two instances or roles merged into
 * one class). Threads run truly concurrently; nothing waits on timing.
 */
public final class Precision {
    private Precision() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "pool-layered", (Prog.Scenario) Precision::poolLayered,
                "pool-keyed", (Prog.Scenario) Precision::poolKeyed,
                "dbcp-h2", (Prog.Scenario) Precision::dbcpH2,
                "chm-regions", (Prog.Scenario) Precision::chmRegions,
                "caffeine", (Prog.Scenario) Precision::caffeine,
                "guava-cache", (Prog.Scenario) Precision::guavaCache,
                "logback", (Prog.Scenario) Precision::logback,
                "log4j2", (Prog.Scenario) Precision::log4j2,
                "jul-file", (Prog.Scenario) Precision::julFile,
                "jdk-tables", (Prog.Scenario) Precision::jdkTables,
                "decorators", (Prog.Scenario) Precision::decorators,
                "class-loading", (Prog.Scenario) Precision::classLoading);
    }

    /** A thread body that knows its index. */
    @FunctionalInterface
    interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs {@code n} threads {@code name-0…} at once and waits for all of them. */
    static void parallel(String name, int n, Worker w) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            threads.add(Prog.start(name + "-" + i, () -> w.run(index)));
        }
        threads.forEach(Prog::join);
    }

    // ---------------------------------------------------------------- commons-pool2

    /** What the inner pool hands out. */
    static final class Conn {
        final int id;
        volatile boolean open = true;

        Conn(int id) {
            this.id = id;
        }
    }

    /** What the outer pool hands out: a session holding a connection of the inner pool. */
    static final class Session {
        final Conn conn;

        Session(Conn conn) {
            this.conn = conn;
        }
    }

    static final class ConnFactory extends BasePooledObjectFactory<Conn> {
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public Conn create() {
            return new Conn(ids.incrementAndGet());
        }

        @Override
        public PooledObject<Conn> wrap(Conn c) {
            return new DefaultPooledObject<>(c);
        }

        @Override
        public boolean validateObject(PooledObject<Conn> p) {
            return p.getObject().open;
        }

        @Override
        public void destroyObject(PooledObject<Conn> p) {
            p.getObject().open = false;
        }
    }

    /** Sessions borrow their connection from the inner pool when made and give it back when destroyed. */
    static final class SessionFactory extends BasePooledObjectFactory<Session> {
        private final ObjectPool<Conn> conns;

        SessionFactory(ObjectPool<Conn> conns) {
            this.conns = conns;
        }

        @Override
        public Session create() throws Exception {
            return new Session(conns.borrowObject());
        }

        @Override
        public PooledObject<Session> wrap(Session s) {
            return new DefaultPooledObject<>(s);
        }

        @Override
        public boolean validateObject(PooledObject<Session> p) {
            return p.getObject().conn.open;
        }

        @Override
        public void destroyObject(PooledObject<Session> p) throws Exception {
            conns.returnObject(p.getObject().conn);
        }
    }

    /**
     * Two pools of the one generic type, layered: the outer pool's factory borrows from (and returns to) the
     * inner pool — outer → inner only. Eviction keeps two idle sessions, so evict() destroys sessions, which
     * returns their connections to the inner pool under the outer pool's eviction lock.
     */
    static void poolLayered() throws Exception {
        GenericObjectPoolConfig<Conn> cc = new GenericObjectPoolConfig<>();
        cc.setMaxTotal(8);
        cc.setTestOnBorrow(true);
        cc.setTestWhileIdle(true);
        GenericObjectPool<Conn> conns = new GenericObjectPool<>(new ConnFactory(), cc);
        GenericObjectPoolConfig<Session> sc = new GenericObjectPoolConfig<>();
        sc.setMaxTotal(4);
        sc.setTestOnReturn(true);
        sc.setTestWhileIdle(true);
        sc.setNumTestsPerEvictionRun(-1); // all idle objects
        GenericObjectPool<Session> sessions = new GenericObjectPool<>(new SessionFactory(conns), sc);
        sessions.setEvictionPolicy((config, underTest, idleCount) -> idleCount > 2);
        parallel("pool-user", 3, t -> {
            for (int i = 0; i < 50; i++) {
                Session s = sessions.borrowObject();
                try {
                    Conn extra = conns.borrowObject(); // a direct use of the inner pool, not nested in it
                    conns.returnObject(extra);
                } finally {
                    sessions.returnObject(s);
                }
            }
        });
        sessions.evict();
        conns.evict();
        sessions.close();
        conns.close();
        Prog.check(conns.getNumActive() == 0, "every connection returned, active=" + conns.getNumActive());
    }

    /** A keyed pool of per-tenant connections next to a plain pool of the same object type. */
    static void poolKeyed() throws Exception {
        GenericKeyedObjectPoolConfig<Conn> kc = new GenericKeyedObjectPoolConfig<>();
        kc.setMaxTotalPerKey(2);
        kc.setTestWhileIdle(true);
        GenericKeyedObjectPool<String, Conn> tenants = new GenericKeyedObjectPool<>(
                new BaseKeyedPooledObjectFactory<String, Conn>() {
                    private final AtomicInteger ids = new AtomicInteger();

                    @Override
                    public Conn create(String tenant) {
                        return new Conn(ids.incrementAndGet());
                    }

                    @Override
                    public PooledObject<Conn> wrap(Conn c) {
                        return new DefaultPooledObject<>(c);
                    }
                }, kc);
        GenericObjectPool<Conn> shared = new GenericObjectPool<>(new ConnFactory());
        parallel("keyed-user", 3, t -> {
            for (int i = 0; i < 40; i++) {
                String tenant = "tenant-" + (i % 3);
                Conn c = tenants.borrowObject(tenant);
                Conn s = shared.borrowObject(); // holds a keyed object while borrowing a plain one
                shared.returnObject(s);
                tenants.returnObject(tenant, c);
            }
        });
        tenants.evict();
        shared.evict();
        tenants.clear("tenant-0");
        tenants.close();
        shared.close();
    }

    /**
     * The ten-line program of the issue: a dbcp2 pool with prepared-statement pooling over an in-memory H2
     * database, used from three threads (each on its own rows), then evicted and closed. commons-logging goes
     * to java.util.logging.
     */
    static void dbcpH2() throws Exception {
        // Log4j and SLF4J are on the class path too: commons-logging 1.3 would pick one of them.
        System.setProperty("org.apache.commons.logging.LogFactory", "org.apache.commons.logging.impl.LogFactoryImpl");
        System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.Jdk14Logger");
        try (BasicDataSource ds = new BasicDataSource()) {
            ds.setUrl("jdbc:h2:mem:precision;DB_CLOSE_DELAY=-1");
            ds.setUsername("sa");
            ds.setPassword("");
            ds.setPoolPreparedStatements(true);
            ds.setMaxOpenPreparedStatements(20);
            ds.setMaxTotal(4);
            ds.setTestWhileIdle(true);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account(id INT PRIMARY KEY, balance INT)");
            }
            parallel("jdbc-user", 3, t -> {
                for (int i = 0; i < 30; i++) {
                    int id = t * 1000 + i;
                    try (Connection c = ds.getConnection();
                         PreparedStatement ins = c.prepareStatement("INSERT INTO account VALUES (?, ?)");
                         PreparedStatement upd = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
                         PreparedStatement sel = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
                        ins.setInt(1, id);
                        ins.setInt(2, 100);
                        ins.executeUpdate();
                        upd.setInt(1, 5);
                        upd.setInt(2, id);
                        upd.executeUpdate();
                        sel.setInt(1, id);
                        try (ResultSet rs = sel.executeQuery()) {
                            Prog.check(rs.next() && rs.getInt(1) == 105, "balance of " + id);
                        }
                    }
                }
            });
            ds.evict();
        }
    }

    // ---------------------------------------------------------------- caches

    /** Codecs are looked up by name and loaded on first use, inside the region map's computeIfAbsent. */
    public static final class JsonCodec {
        static final Hashtable<String, String> MEDIA_TYPES = new Hashtable<>();

        static {
            MEDIA_TYPES.put("json", "application/json");
        }
    }

    public static final class TextCodec {
        static final Vector<String> CHARSETS = new Vector<>(List.of("UTF-8"));
    }

    /** A cache region: its entries, and a map of maps (entries by tag). */
    static final class Region {
        final String name;
        final Object codec;
        final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> byTag = new ConcurrentHashMap<>();

        Region(String name, Object codec) {
            this.name = name;
            this.codec = codec;
        }

        void put(String tag, String key, String value) {
            entries.put(key, value);
            byTag.computeIfAbsent(tag, t -> new ConcurrentHashMap<>()).put(key, value);
        }
    }

    /** A second-level cache in the style of an ORM's: regions built on first use inside computeIfAbsent. */
    static final class RegionCache {
        final ConcurrentHashMap<String, Region> regions = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Integer> regionsByPrefix = new ConcurrentHashMap<>();
        final Properties settings = new Properties();
        final ConcurrentHashMap<String, String> overrides = new ConcurrentHashMap<>();

        Region region(String name) {
            return regions.computeIfAbsent(name, n -> {
                // Under the bin lock of `regions`: another map, a Properties, and a class loaded on first use.
                regionsByPrefix.merge(n.substring(0, 1), 1, Integer::sum);
                settings.setProperty(n + ".ttl", "60");
                return new Region(n, codec(n.startsWith("j") ? "JsonCodec" : "TextCodec"));
            });
        }

        /** Copies the settings into the overrides map (replacing existing keys locks their bins). */
        void publishSettings() {
            settings.forEach((k, v) -> overrides.put((String) k, (String) v)); // Properties.forEach is synchronized
        }

        static Object codec(String simpleName) {
            try {
                return Class.forName(Precision.class.getName() + "$" + simpleName);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void chmRegions() {
        RegionCache cache = new RegionCache();
        parallel("region-user", 3, t -> {
            for (int i = 0; i < 300; i++) {
                String name = (i % 2 == 0 ? "json-" : "text-") + (i % 12);
                cache.region(name).put("tag-" + (i % 5), "k" + t + "-" + i, "v" + i);
                if (i % 50 == 0) {
                    cache.publishSettings();
                }
            }
        });
        cache.publishSettings();
        Prog.check(cache.regions.size() == 12, "regions " + cache.regions.keySet());
    }

    /** The system of record behind the caches; loaders take its lock, and no one holds it around a cache call. */
    static final class Dao {
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<String, String> rows = new HashMap<>();
        private int reads;

        String load(String key) {
            lock.lock();
            try {
                reads++;
                return rows.getOrDefault(key, "row-" + key);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A Caffeine loading cache (bounded, expiring, with statistics) and a plain Caffeine cache next to it. */
    static void caffeine() {
        Dao dao = new Dao();
        com.github.benmanes.caffeine.cache.LoadingCache<String, String> rows = Caffeine.newBuilder()
                .maximumSize(50).expireAfterWrite(Duration.ofMinutes(5)).recordStats().build(dao::load);
        com.github.benmanes.caffeine.cache.Cache<Integer, byte[]> blobs = Caffeine.newBuilder()
                .maximumWeight(4096).weigher((Integer k, byte[] v) -> v.length).build();
        parallel("caffeine-user", 3, t -> {
            for (int i = 0; i < 400; i++) {
                String key = "k" + (i % 120);
                rows.get(key);
                if (i % 10 == 0) {
                    rows.invalidate(key);
                    rows.asMap().compute("c" + (i % 7), (k, v) -> v == null ? "1" : v + "1");
                    rows.getAll(List.of("a" + t, "b" + t));
                }
                blobs.get(i % 64, k -> new byte[128]);
            }
        });
        rows.cleanUp();
        blobs.cleanUp();
        Prog.check(rows.stats().loadCount() > 0, "caffeine loaded");
    }

    /** A Guava LoadingCache built with CacheBuilder, with a removal listener, in normal use. */
    static void guavaCache() throws Exception {
        Dao dao = new Dao();
        AtomicInteger removed = new AtomicInteger();
        com.google.common.cache.LoadingCache<String, String> cache = CacheBuilder.newBuilder()
                .maximumSize(40).concurrencyLevel(2).expireAfterAccess(Duration.ofMinutes(5)).recordStats()
                .removalListener(n -> removed.incrementAndGet())
                .build(CacheLoader.from(dao::load));
        parallel("guava-user", 3, t -> {
            for (int i = 0; i < 400; i++) {
                String key = "k" + (i % 100);
                cache.getUnchecked(key);
                if (i % 10 == 0) {
                    cache.put("p" + t, "v" + i);
                    cache.invalidate(key);
                    cache.asMap().computeIfAbsent("c" + (i % 7), k -> "computed");
                    cache.getAll(List.of("a" + t, "b" + t));
                }
            }
        });
        cache.cleanUp();
        Prog.check(removed.get() > 0 && cache.stats().loadCount() > 0, "guava evicted and loaded");
    }

    // ---------------------------------------------------------------- logging

    /**
     * Logback: three threads initialise it at once (the default console configuration) and log; then a file
     * appender is added and they log again.
     */
    static void logback() {
        parallel("logback-init", 3, t -> org.slf4j.LoggerFactory.getLogger("precision.logback.init" + t)
                .info("first message from {}", t));
        ch.qos.logback.classic.LoggerContext ctx =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.encoder.PatternLayoutEncoder enc = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d %t %-5level %logger - %msg%n");
        enc.start();
        ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> file =
                new ch.qos.logback.core.FileAppender<>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile("logback.log");
        file.setEncoder(enc);
        file.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(file);
        parallel("logback-user", 3, t -> {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("precision.logback." + t);
            for (int i = 0; i < 30; i++) {
                log.info("message {} from {}", i, t);
                log.debug("not logged {}", i);
            }
        });
        ctx.stop();
    }

    /** Log4j 2 core configured with a file and a console appender; three threads log. */
    static void log4j2() {
        org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder<
                org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration> b =
                org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("precision");
        b.setStatusLevel(org.apache.logging.log4j.Level.WARN);
        b.add(b.newAppender("file", "File").addAttribute("fileName", "log4j2.log")
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d %t %-5level %c - %m%n")));
        b.add(b.newAppender("console", "Console").addAttribute("target", "SYSTEM_OUT")
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%t %-5level %c - %m%n")));
        b.add(b.newRootLogger(org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("file"))
                .add(b.newAppenderRef("console")));
        try (org.apache.logging.log4j.core.LoggerContext ctx =
                     org.apache.logging.log4j.core.config.Configurator.initialize(b.build())) {
            parallel("log4j-user", 3, t -> {
                org.apache.logging.log4j.Logger log = ctx.getLogger("precision.log4j." + t);
                for (int i = 0; i < 30; i++) {
                    log.info("message {} from {}", i, t);
                    log.debug("not logged {}", i);
                }
            });
        }
    }

    /** java.util.logging with a rotating FileHandler (64 KiB, two files); three threads log enough to rotate. */
    static void julFile() throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("precision.jul");
        java.util.logging.FileHandler fh = new java.util.logging.FileHandler("jul-%g.log", 1 << 16, 2, false);
        fh.setFormatter(new java.util.logging.SimpleFormatter());
        log.setUseParentHandlers(false);
        log.addHandler(fh);
        parallel("jul-user", 3, t -> {
            java.util.logging.Logger child = java.util.logging.Logger.getLogger("precision.jul.t" + t);
            for (int i = 0; i < 300; i++) {
                child.info("message " + i + " from " + t + " padded to rotate the file handler's files soon");
            }
        });
        log.removeHandler(fh);
        fh.close();
    }

    // ---------------------------------------------------------------- JDK types in unrelated roles

    /** Service registry: its table is locked while the change is appended to its journal. */
    static final class Registry {
        final Hashtable<String, String> services = new Hashtable<>();
        final Vector<String> journal = new Vector<>();
        final StringBuffer banner = new StringBuffer();

        void register(String name, String address) {
            synchronized (services) { // check-then-act on the table; the journal is written under it
                if (!address.equals(services.put(name, address))) {
                    journal.add("register " + name);
                }
            }
        }

        String describe() {
            synchronized (banner) {
                banner.setLength(0);
                banner.append(services); // StringBuffer.append(Object) calls the table's synchronized toString
                return banner.toString();
            }
        }
    }

    /** Audit history: its vector is locked while a per-user table is updated, and that table while a line is built. */
    static final class History {
        final Vector<String> events = new Vector<>();
        final Hashtable<String, Integer> perUser = new Hashtable<>();
        final StringBuffer line = new StringBuffer();

        void record(String user, String what) {
            synchronized (events) {
                events.add(what);
                perUser.merge(user, 1, Integer::sum);
            }
        }

        String snapshot() {
            synchronized (perUser) {
                line.setLength(0);
                line.append(perUser.size()).append(" users");
                return line.toString();
            }
        }
    }

    /** An index over the history: a synchronized map fed from the per-user table, and a concurrent map. */
    static final class Index {
        final Map<String, Integer> users = Collections.synchronizedMap(new HashMap<>());
        final ConcurrentHashMap<String, Vector<String>> byPrefix = new ConcurrentHashMap<>();
    }

    /** Configuration values and defaults, and metrics counters and gauges: four tables, four roles. */
    static final class Config {
        final Hashtable<String, String> values = new Hashtable<>();
        final Hashtable<String, String> defaults = new Hashtable<>();
    }

    static final class Metrics {
        final Hashtable<String, Integer> counters = new Hashtable<>();
        final Hashtable<String, Integer> gauges = new Hashtable<>();
    }

    /**
     * One type, several roles: Hashtable → Vector in the registry, Vector → Hashtable in the history (other
     * instances); StringBuffer → Hashtable and Hashtable → StringBuffer; a synchronized map → Hashtable and
     * Hashtable → another synchronized map; Vector → a ConcurrentHashMap bin → another Vector; one Hashtable held
     * while another is written, and elsewhere the other way round on two other tables. Every role order is
     * acyclic; only merging roles by type makes a cycle.
     */
    static void jdkTables() {
        Registry registry = new Registry();
        History history = new History();
        Index index = new Index();
        Config config = new Config();
        Metrics metrics = new Metrics();
        Map<String, String> sessions = Collections.synchronizedMap(new HashMap<>());
        parallel("tables-user", 3, t -> {
            for (int i = 0; i < 100; i++) {
                String name = "svc" + (i % 10);
                registry.register(name, "host" + t + ":" + i);
                registry.describe();
                history.record("user" + (i % 4), "event " + i);
                history.snapshot();
                // synchronized map → Hashtable (the function reads the registry's table)
                sessions.computeIfAbsent("session" + (i % 8), s -> registry.services.getOrDefault(name, "none"));
                // Hashtable → synchronized map (Hashtable.forEach is synchronized)
                history.perUser.forEach(index.users::put);
                // Vector → ConcurrentHashMap bin (merge on an existing key) …
                synchronized (registry.journal) {
                    index.byPrefix.merge("svc", new Vector<>(), (a, b) -> a);
                }
                // … and a ConcurrentHashMap bin → another Vector (the mapping function writes the history)
                index.byPrefix.computeIfAbsent("p" + (i % 6), p -> {
                    history.events.add("prefix " + p);
                    return new Vector<>();
                });
                // config values → metrics counters; metrics gauges → config defaults
                synchronized (config.values) {
                    config.values.put("k" + (i % 5), "v" + i);
                    metrics.counters.merge("config.set", 1, Integer::sum);
                }
                synchronized (metrics.gauges) {
                    metrics.gauges.put("g" + (i % 3), i);
                    config.defaults.putIfAbsent("g" + (i % 3), "0");
                }
            }
        });
        Prog.check(registry.services.size() == 10, "registry " + registry.services);
    }

    // ---------------------------------------------------------------- decorators

    /**
     * A user decorator: synchronized methods, and a statistics lock held around the call to the next layer.
     * Layers are only ever called outer → inner.
     */
    static final class AuditedStore {
        private final ReentrantLock statsLock = new ReentrantLock();
        private final AuditedStore next;
        private final Map<String, String> data = new HashMap<>();
        private int writes;

        AuditedStore(AuditedStore next) {
            this.next = next;
        }

        synchronized void put(String key, String value) {
            statsLock.lock();
            try {
                writes++;
                if (next != null) {
                    next.put(key, value);
                } else {
                    data.put(key, value);
                }
            } finally {
                statsLock.unlock();
            }
        }

        synchronized String get(String key) {
            return next != null ? next.get(key) : data.get(key);
        }
    }

    /**
     * Decorators over decorators: BufferedOutputStream over PrintStream over BufferedOutputStream over a file; a
     * synchronized list over a synchronized list; an AuditedStore over another AuditedStore.
     */
    static void decorators() throws Exception {
        try (OutputStream out = new BufferedOutputStream(
                new PrintStream(new BufferedOutputStream(new FileOutputStream("decorated.txt")), false, "UTF-8"))) {
            parallel("stream-user", 3, t -> {
                for (int i = 0; i < 200; i++) {
                    byte[] line = ("line " + i + " of " + t + "\n").getBytes(StandardCharsets.UTF_8);
                    synchronized (out) { // one whole line at a time
                        out.write(line);
                    }
                    if (i % 50 == 0) {
                        out.flush();
                    }
                }
            });
        }
        List<String> inner = Collections.synchronizedList(new ArrayList<>());
        List<String> outer = Collections.synchronizedList(inner);
        AuditedStore bottom = new AuditedStore(null);
        AuditedStore top = new AuditedStore(bottom);
        parallel("decorator-user", 3, t -> {
            for (int i = 0; i < 200; i++) {
                outer.add("e" + i);
                if (i % 20 == 0) {
                    synchronized (outer) { // iteration needs the wrapper's lock
                        outer.removeIf(e -> e.endsWith("0"));
                    }
                }
                top.put("k" + (i % 10), "v" + i);
                top.get("k" + (i % 10));
            }
        });
        Prog.check(top.get("k1") != null, "store");
    }

    // ---------------------------------------------------------------- class loading under locks

    /** Plugins instantiated by name on first use, under the registry's lock (each class loads then). */
    static final class PluginRegistry {
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<String, Object> plugins = new HashMap<>();

        Object plugin(String simpleName) {
            lock.lock();
            try {
                return plugins.computeIfAbsent(simpleName, n -> {
                    try {
                        return Class.forName(Precision.class.getName() + "$" + n).getDeclaredConstructor()
                                .newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } finally {
                lock.unlock();
            }
        }
    }

    /** Static initialisation that locks a JDK table, logs, and touches JDK classes loaded for the first time. */
    public static final class CsvPlugin {
        static final Hashtable<String, String> FORMATS = new Hashtable<>();
        static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("precision.csv");

        static {
            FORMATS.put("csv", "text/csv");
            LOG.fine("csv plugin loaded");
        }

        public CsvPlugin() {
            java.util.Currency.getInstance("EUR");
        }
    }

    /** Static initialisation with its own lock and a synchronized static method. */
    public static final class XmlPlugin {
        static final ReentrantLock INIT = new ReentrantLock();
        static int instances;

        static {
            INIT.lock();
            try {
                register();
            } finally {
                INIT.unlock();
            }
        }

        static synchronized void register() {
            instances++;
        }

        public XmlPlugin() {
            java.time.ZoneId.of("Europe/Paris");
        }
    }

    /** Loads a decimal format and a resource bundle-backed class on first use. */
    public static final class ReportPlugin {
        static final java.text.DecimalFormat FORMAT = new java.text.DecimalFormat("#,##0.00");

        public ReportPlugin() {
            FORMAT.format(1234.5);
        }
    }

    /** Settings with synchronized methods, inside which the first use of other classes happens. */
    static final class Settings {
        private final Properties props = new Properties();

        synchronized String get(String key) {
            return props.getProperty(key, java.util.UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                    .toString());
        }
    }

    /**
     * Classes loaded and initialised for the first time while locks are held: plugins under the registry's
     * lock, JDK classes inside a synchronized method, while other threads load other classes with no lock held.
     * The plugin classes do not depend on each other (no class-initialisation cycle).
     */
    static void classLoading() {
        PluginRegistry registry = new PluginRegistry();
        Settings settings = new Settings();
        parallel("loader", 3, t -> {
            switch (t) {
                case 0:
                    registry.plugin("CsvPlugin");
                    registry.plugin("XmlPlugin");
                    break;
                case 1:
                    settings.get("locale");
                    registry.plugin("ReportPlugin");
                    break;
                default:
                    new java.util.Scanner("1 2 3").nextInt(); // no lock held
                    registry.plugin("CsvPlugin");
                    break;
            }
        });
        Prog.check(registry.plugins.size() == 3, "plugins " + registry.plugins.keySet());
    }
}
