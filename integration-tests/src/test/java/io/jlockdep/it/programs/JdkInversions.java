package io.jlockdep.it.programs;

import java.beans.beancontext.BeanContext;
import java.beans.beancontext.BeanContextChildSupport;
import java.beans.beancontext.BeanContextSupport;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Inversions whose locks are taken inside JDK code (synchronized wrappers, {@code Hashtable},
 * {@code StringBuffer}, {@code Vector}, {@code LinkedBlockingQueue}, a {@code java.util.logging} handler,
 * {@code java.beans.beancontext}), found with the agent's default options.
 */
public final class JdkInversions {
    private JdkInversions() {
    }

    public static void main(String[] args) {
        Prog.run(args, scenarios());
    }

    /** The scenarios by name. */
    static java.util.Map<String, Prog.Scenario> scenarios() {
        return Prog.scenarios(
                "synchronized-map-equals", (Prog.Scenario) JdkInversions::synchronizedMapEquals,
                "synchronized-list-addall", (Prog.Scenario) JdkInversions::synchronizedListAddAll,
                "synchronized-list-equals", (Prog.Scenario) JdkInversions::synchronizedListEquals,
                "synchronized-list-vs-lock", (Prog.Scenario) JdkInversions::synchronizedListVsLock,
                "hashtable-equals", (Prog.Scenario) JdkInversions::hashtableEquals,
                "one-site-hashtable-equals", (Prog.Scenario) JdkInversions::oneSiteHashtableEquals,
                "one-site-map-equals", (Prog.Scenario) JdkInversions::oneSiteMapEquals,
                "stringbuffer-append", (Prog.Scenario) JdkInversions::stringBufferAppend,
                "vector-equals", (Prog.Scenario) JdkInversions::vectorEquals,
                "blocking-queue", (Prog.Scenario) JdkInversions::blockingQueue,
                "logging-formatter", (Prog.Scenario) JdkInversions::loggingFormatter,
                "logging-stream", (Prog.Scenario) JdkInversions::loggingStream,
                "bean-context", (Prog.Scenario) JdkInversions::beanContext);
    }

    /** {@code m1.equals(m2)} locks m1 then m2 (AbstractMap.equals calls m2.size()); the reverse on another thread. */
    static void synchronizedMapEquals() {
        Map<String, Integer> m1 = Collections.synchronizedMap(new HashMap<>());
        Map<String, Integer> m2 = Collections.synchronizedMap(new HashMap<>());
        m1.put("k", 1);
        m2.put("k", 1);
        Prog.halves("map-1", () -> Prog.check(m1.equals(m2), "maps equal"),
                "map-2", () -> Prog.check(m2.equals(m1), "maps equal"));
    }

    /** {@code l1.addAll(l2)} locks l1 then l2 (l2.toArray() is synchronized). */
    static void synchronizedListAddAll() {
        List<Integer> l1 = Collections.synchronizedList(new ArrayList<>(List.of(1)));
        List<Integer> l2 = Collections.synchronizedList(new ArrayList<>(List.of(2)));
        Prog.halves("list-1", () -> l1.addAll(l2), "list-2", () -> l2.addAll(l1));
    }

    /**
     * {@code l1.equals(l2)}: ArrayList.equals walks l2 through its iterator, which the synchronized
     * wrapper does not lock, so the two list locks are never nested and there is nothing to report (the
     * test pins that the agent does not invent a nesting).
     */
    static void synchronizedListEquals() {
        List<Integer> l1 = Collections.synchronizedList(new ArrayList<>(List.of(1, 2)));
        List<Integer> l2 = Collections.synchronizedList(new ArrayList<>(List.of(1, 2)));
        Prog.halves("list-eq-1", () -> Prog.check(l1.equals(l2), "lists equal"),
                "list-eq-2", () -> Prog.check(l2.equals(l1), "lists equal"));
    }

    /** A synchronized list's forEach calls back into code taking lock X; X held around list.add elsewhere. */
    static void synchronizedListVsLock() {
        List<Integer> list = Collections.synchronizedList(new ArrayList<>(List.of(1)));
        ReentrantLock x = new ReentrantLock(); // @sync-list-x
        Prog.halves("list-foreach", () -> list.forEach(i -> {
            x.lock();
            x.unlock();
        }), "list-add", () -> {
            x.lock();
            try {
                list.add(2);
            } finally {
                x.unlock();
            }
        });
    }

    /** Hashtable.equals is synchronized and calls the other table's synchronized size(). */
    static void hashtableEquals() {
        Hashtable<String, Integer> h1 = new Hashtable<>();
        Hashtable<String, Integer> h2 = new Hashtable<>();
        h1.put("k", 1);
        h2.put("k", 1);
        Prog.halves("hashtable-1", () -> Prog.check(h1.equals(h2), "tables equal"),
                "hashtable-2", () -> Prog.check(h2.equals(h1), "tables equal"));
    }

    /** Tables of one role: every table this program makes through here is one lock class. */
    static Hashtable<String, Integer> table() {
        Hashtable<String, Integer> t = new Hashtable<>();
        t.put("k", 1);
        return t;
    }

    /** Maps of one role (one {@code Collections.synchronizedMap} call site). */
    static Map<String, Integer> syncMap() {
        Map<String, Integer> m = Collections.synchronizedMap(new HashMap<>());
        m.put("k", 1);
        return m;
    }

    /** Two tables of one class compared both ways: an instance-order inversion inside one lock class. */
    static void oneSiteHashtableEquals() {
        Hashtable<String, Integer> h1 = table();
        Hashtable<String, Integer> h2 = table();
        Prog.halves("one-site-table-1", () -> Prog.check(h1.equals(h2), "tables equal"),
                "one-site-table-2", () -> Prog.check(h2.equals(h1), "tables equal"));
    }

    /** Two synchronized maps of one class compared both ways. */
    static void oneSiteMapEquals() {
        Map<String, Integer> m1 = syncMap();
        Map<String, Integer> m2 = syncMap();
        Prog.halves("one-site-map-1", () -> Prog.check(m1.equals(m2), "maps equal"),
                "one-site-map-2", () -> Prog.check(m2.equals(m1), "maps equal"));
    }

    /** StringBuffer.append(StringBuffer) is synchronized and reads the argument under its lock. */
    static void stringBufferAppend() {
        StringBuffer sb1 = new StringBuffer("one");
        StringBuffer sb2 = new StringBuffer("two");
        Prog.halves("buffer-1", () -> sb1.append(sb2), "buffer-2", () -> sb2.append(sb1));
    }

    /**
     * Vector.equals is synchronized and walks the other vector with its synchronized listIterator().
     * (Vector.addAll would not do: it copies its argument before it locks.)
     */
    static void vectorEquals() {
        Vector<Integer> v1 = new Vector<>(List.of(1));
        Vector<Integer> v2 = new Vector<>(List.of(1));
        Prog.halves("vector-1", () -> Prog.check(v1.equals(v2), "vectors equal"),
                "vector-2", () -> Prog.check(v2.equals(v1), "vectors equal"));
    }

    /** A collection whose add takes an application lock. */
    static final class GuardedSink extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
        final ReentrantLock guard;

        GuardedSink(ReentrantLock guard) {
            this.guard = guard;
        }

        @Override
        public boolean add(String s) {
            guard.lock();
            try {
                return super.add(s);
            } finally {
                guard.unlock();
            }
        }
    }

    /** drainTo holds the queue's takeLock while calling sink.add (takes X); X held around poll elsewhere. */
    static void blockingQueue() {
        LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
        ReentrantLock x = new ReentrantLock(); // @queue-x
        GuardedSink sink = new GuardedSink(x);
        queue.add("a");
        queue.add("b");
        Prog.halves("drainer", () -> queue.drainTo(sink, 1), "poller", () -> {
            x.lock();
            try {
                Prog.check(queue.poll(1, TimeUnit.SECONDS) != null, "an element to poll");
            } finally {
                x.unlock();
            }
        });
    }

    /** A formatter that takes an application lock, and tells whether it runs under the handler's lock. */
    static final class LockingFormatter extends Formatter {
        final ReentrantLock x;
        volatile Object handler;
        volatile boolean underHandlerLock;

        LockingFormatter(ReentrantLock x) {
            this.x = x;
        }

        @Override
        public String format(LogRecord record) {
            Object h = handler;
            if (h != null && Thread.holdsLock(h)) {
                underHandlerLock = true;
            }
            x.lock();
            try {
                return record.getMessage() + "\n";
            } finally {
                x.unlock();
            }
        }
    }

    /**
     * StreamHandler.publish formats the record under the handler's lock (up to JDK 24; JDK-8349206 moved
     * formatting out of the lock), calling a formatter that takes X; X held while logging elsewhere. Prints
     * FORMAT_UNDER_LOCK=true|false so the test knows which JDK behaviour it saw.
     */
    static void loggingFormatter() {
        ReentrantLock x = new ReentrantLock(); // @logging-formatter-x
        LockingFormatter formatter = new LockingFormatter(x);
        StreamHandler handler = new StreamHandler(new ByteArrayOutputStream(), formatter);
        formatter.handler = handler;
        Logger logger = Logger.getLogger("io.jlockdep.it.logging.formatter");
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        logger.setLevel(Level.INFO);
        Prog.halves("logger", () -> logger.info("plain"), "locked-logger", () -> {
            x.lock();
            try {
                logger.info("under x");
            } finally {
                x.unlock();
            }
        });
        System.out.println("FORMAT_UNDER_LOCK=" + formatter.underHandlerLock);
    }

    /** An output stream that takes an application lock on every write. */
    static final class LockingStream extends OutputStream {
        final ReentrantLock y;

        LockingStream(ReentrantLock y) {
            this.y = y;
        }

        @Override
        public void write(int b) {
            y.lock();
            y.unlock();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            y.lock();
            y.unlock();
        }
    }

    /**
     * StreamHandler.publish writes under the handler's lock on every JDK; a message larger than the
     * encoder's buffer reaches the output stream (which takes Y) at once. Y held while logging elsewhere.
     */
    static void loggingStream() {
        ReentrantLock y = new ReentrantLock(); // @logging-stream-y
        StreamHandler handler = new StreamHandler(new LockingStream(y), new SimpleFormatter());
        Logger logger = Logger.getLogger("io.jlockdep.it.logging.stream");
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        logger.setLevel(Level.INFO);
        String big = "x".repeat(64 * 1024);
        Prog.halves("stream-logger", () -> logger.info(big), "locked-stream-logger", () -> {
            y.lock();
            try {
                logger.info(big);
            } finally {
                y.unlock();
            }
        });
    }

    /**
     * A bean context that tells whether its {@code propertyChange} takes {@code children} before
     * {@code globalHierarchyLock}: {@code containsKey} is the first thing it calls under its lock(s).
     */
    static final class ObservedContext extends BeanContextSupport {
        private static final long serialVersionUID = 1L;
        volatile Thread inPropertyChange;
        volatile boolean childrenFirst;

        @Override
        public void propertyChange(java.beans.PropertyChangeEvent pce) {
            inPropertyChange = Thread.currentThread();
            try {
                super.propertyChange(pce);
            } finally {
                inPropertyChange = null;
            }
        }

        @Override
        public boolean containsKey(Object o) {
            if (inPropertyChange == Thread.currentThread() && Thread.holdsLock(children)
                    && !Thread.holdsLock(BeanContext.globalHierarchyLock)) {
                childrenFirst = true;
            }
            return super.containsKey(o);
        }
    }

    /**
     * JDK-8238170 (the "deadlock in Sun's JDK" of Williams, Thies and Ernst, ECOOP 2005):
     * {@code BeanContextSupport.remove} takes {@code BeanContext.globalHierarchyLock}, then the context's
     * {@code children}; a child leaving on its own ({@code setBeanContext(null)}) calls the context's
     * {@code propertyChange}, which in JDK 17 takes {@code children}, then (in {@code remove})
     * {@code globalHierarchyLock}. JDK 25's {@code propertyChange} takes {@code globalHierarchyLock} first,
     * but still under the child's monitor ({@code setBeanContext} is synchronized), which {@code add} and
     * {@code remove} take under {@code globalHierarchyLock}: that inversion is in every JDK. Prints
     * BEAN_CHILDREN_FIRST=true|false so the test knows which {@code propertyChange} it saw.
     */
    static void beanContext() throws Exception {
        ObservedContext context = new ObservedContext();
        BeanContextChildSupport removed = new BeanContextChildSupport();
        BeanContextChildSupport leaving = new BeanContextChildSupport();
        Prog.check(context.add(removed) && context.add(leaving), "children added");
        Prog.halves("bean-remove", () -> Prog.check(context.remove(removed), "child removed"),
                "bean-leave", () -> leaving.setBeanContext(null));
        Prog.check(context.isEmpty(), "both children gone");
        System.out.println("BEAN_CHILDREN_FIRST=" + context.childrenFirst);
    }
}
