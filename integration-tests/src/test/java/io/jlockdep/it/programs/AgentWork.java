package io.jlockdep.it.programs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Class loading under the program's locks: every class loaded here goes through the agent's transformer
 * (and, for JDK classes, its lock-code scan) on this thread while it holds a {@code ReentrantLock} and a
 * monitor. None of the agent's own locking may become an edge; the program's own nested lock must.
 */
public final class AgentWork {
    /** The JDK classes (java.util / java.io, most with synchronized code) this program loads first. */
    public static final String[] JDK_CLASSES = {
        "java.util.Observable", "java.util.Timer", "java.util.Scanner", "java.util.StringTokenizer",
        "java.util.logging.Logger", "java.util.logging.Handler", "java.util.logging.StreamHandler",
        "java.util.logging.MemoryHandler", "java.util.prefs.AbstractPreferences", "java.io.PipedInputStream",
        "java.io.PipedOutputStream", "java.io.PipedReader", "java.io.PipedWriter", "java.io.PushbackReader",
        "java.io.LineNumberReader", "java.io.StreamTokenizer", "java.io.CharArrayWriter",
        "java.io.SequenceInputStream", "java.io.RandomAccessFile", "java.io.StringBufferInputStream",
    };

    private AgentWork() {
    }

    public static void main(String[] args) {
        Prog.run(args, Prog.scenarios("load-under-locks", (Prog.Scenario) AgentWork::loadUnderLocks,
                "many-classes", (Prog.Scenario) AgentWork::manyClasses));
    }

    static void loadUnderLocks() throws Exception {
        Path jar = jarOf(Jarred1.class, Jarred2.class, Jarred3.class, Jarred4.class);
        ReentrantLock outer = new ReentrantLock(); // @outer
        Object monitor = new Object(); // @monitor
        ReentrantLock nested = new ReentrantLock(); // @nested
        int loaded;
        outer.lock();
        try {
            synchronized (monitor) {
                loaded = loadEverything(jar);
                nested.lock(); // @nested-lock
                nested.unlock();
            }
        } finally {
            outer.unlock();
        }
        System.out.println("LOADED=" + loaded);
    }

    /**
     * Loads {@value #LOADERS} × 3 classes with synchronized code, each through a fresh class loader (so each is
     * transformed anew), then prints whether the JVM has a compiler directive for the agent's own code, as
     * {@code jcmd Compiler.directives_print} shows it ({@code DIRECTIVE=present|absent}; it is added from a
     * thread of its own, so this waits for it up to 20 s, or {@code -Dagentwork.waitMillis}).
     */
    static void manyClasses() throws Exception {
        Path jar = jarOf(Jarred1.class, Jarred2.class, Jarred3.class);
        for (int i = 0; i < LOADERS; i++) {
            try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                for (Class<?> c : new Class<?>[] {Jarred1.class, Jarred2.class, Jarred3.class}) {
                    l.loadClass(c.getName()).getDeclaredConstructor().newInstance();
                }
            }
        }
        javax.management.ObjectName dcmd = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        String present = "absent";
        int polls = Integer.getInteger("agentwork.waitMillis", 20_000) / 100;
        for (int i = 0; i < polls && present.equals("absent"); i++) {
            Object out = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(dcmd,
                    "compilerDirectivesPrint", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            if (String.valueOf(out).contains("io/jlockdep/agent/*.*")) {
                present = "present";
            } else {
                Thread.sleep(100);
            }
        }
        System.out.println("DIRECTIVE=" + present);
    }

    static final int LOADERS = 40;

    private static int loadEverything(Path jar) throws Exception {
        int n = 0;
        ClassLoader app = AgentWork.class.getClassLoader();
        for (String name : new String[] {"C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10",
            "C11", "C12"}) {
            Class.forName(AgentWork.class.getName() + "$" + name, true, app);
            n++;
        }
        for (String name : JDK_CLASSES) {
            Class.forName(name, false, null);
            n++;
        }
        IntSupplier lambda = () -> 7;
        Runnable other = AgentWork::noop;
        other.run();
        n += lambda.getAsInt() == 7 ? 2 : 0;
        for (Plugin p : ServiceLoader.load(Plugin.class, app)) {
            n += p.id();
        }
        try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (Class<?> c : new Class<?>[] {Jarred1.class, Jarred2.class, Jarred3.class, Jarred4.class}) {
                Class<?> own = l.loadClass(c.getName());
                Prog.check(own.getClassLoader() == l, c.getName() + " came from " + own.getClassLoader());
                own.getDeclaredConstructor().newInstance();
                n++;
            }
        }
        return n;
    }

    private static void noop() {
    }

    /** A jar of these classes' class files (read from the class path, not loaded). */
    private static Path jarOf(Class<?>... classes) throws IOException {
        Path jar = Files.createTempFile("agentwork", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(entry));
                j.write(read(entry));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = AgentWork.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource);
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        }
    }

    /** Found by {@link ServiceLoader} (see {@code META-INF/services}). */
    public interface Plugin {
        int id();
    }

    public static final class PluginImpl implements Plugin {
        @Override
        public int id() {
            return 1;
        }
    }

    // Application classes with synchronized code and lock allocations, each loaded for the first time above.
    static final class C01 { final ReentrantLock l = new ReentrantLock(); synchronized void a() { } }
    static final class C02 { final Object m = new Object(); void a() { synchronized (m) { } } }
    static final class C03 { final ReentrantLock l = new ReentrantLock(); synchronized void a() { l.lock(); l.unlock(); } }
    static final class C04 { static synchronized void a() { } final Object m = new Object(); }
    static final class C05 { final ReentrantLock l = new ReentrantLock(); void a() { synchronized (this) { } } }
    static final class C06 { final Object m = new Object(); synchronized void a() throws InterruptedException { m.wait(1); } }
    static final class C07 { final ReentrantLock l = new ReentrantLock(); final Object m = new Object(); }
    static final class C08 { synchronized void a() { } synchronized void b() { } }
    static final class C09 { final ReentrantLock l = new ReentrantLock(true); void a() { synchronized (C09.class) { } } }
    static final class C10 { final Object m = new Object(); final ReentrantLock l = new ReentrantLock(); }
    static final class C11 { static final Object M = new Object(); void a() { synchronized (M) { } } }
    static final class C12 { final ReentrantLock l = new ReentrantLock(); synchronized void a() { } }

    // Loaded only through a URLClassLoader over a temporary jar (JDK types only, no parent but the bootstrap).
    public static final class Jarred1 { final ReentrantLock l = new ReentrantLock(); synchronized void a() { } }
    public static final class Jarred2 { final Object m = new Object(); void a() { synchronized (m) { } } }
    public static final class Jarred3 { synchronized void a() { } }
    public static final class Jarred4 { final java.util.Vector<Object> v = new java.util.Vector<>(); }
}
