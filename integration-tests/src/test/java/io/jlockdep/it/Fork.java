package io.jlockdep.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forks {@code java [jvmArgs] -javaagent:<agent jar>=<options> -cp <test classes>:<core jar>[:<libraries>] Program args}
 * (or {@code -jar JAR args}, {@link #jar}) with a timeout, capturing stdout, stderr, the exit status and (with {@link #jfr()}) the agent's JFR
 * recording.
 *
 * <pre>{@code
 * RunResult r = Fork.program(LockTypes.class).on(jvm).agent("onCycle=throw").jfr().args("rl-inversion").run();
 * }</pre>
 *
 * <p>A run that does not finish in time is destroyed (after a thread dump is taken with {@code jcmd}) and
 * the test fails with everything it printed. At most {@code jlockdep.it.parallelism} programs run at once,
 * whatever the test engine's parallelism. Each test session gets a directory
 * {@code target/it-work/<date>-<pid>} holding a copy of the agent jar taken at its start (see
 * {@link #sessionAgentJar()}), {@code forks.log} (every run with its duration and exit status) and one
 * directory per run with its command's outputs, kept for inspection.
 */
public final class Fork {
    /** The agent jar under test: {@code agent/target/jlockdep-agent.jar} of this reactor. */
    public static final Path AGENT_JAR = requiredPath("jlockdep.it.agentJar", "../agent/target/jlockdep-agent.jar");
    /** The compiled test programs. */
    public static final Path PROGRAM_CLASSES = requiredPath("jlockdep.it.programClasses", "target/test-classes");
    /** The core jar (fence core and annotations) for the programs' class path. */
    public static final Path CORE_JAR = optionalPath("jlockdep.it.coreJar");
    /**
     * The real libraries' jars (commons-pool2, dbcp2, H2, Caffeine, Guava, Logback, Log4j and their dependencies),
     * {@code File.pathSeparator}-separated, for programs run {@link #withLibraries()}; empty when not set.
     */
    public static final String LIBRARY_CLASSPATH = libraryClasspath();
    /** Where this test session's runs keep their files: a fresh directory per session. */
    public static final Path WORK = Paths.get(System.getProperty("jlockdep.it.work", "target/it-work"))
            .toAbsolutePath().normalize().resolve(new java.text.SimpleDateFormat("yyyyMMdd-HHmmss", Locale.ROOT)
                    .format(new java.util.Date()) + "-" + ProcessHandle.current().pid());

    /**
     * The jar the forked JVMs get: a copy of {@link #AGENT_JAR} taken when the session starts (same file
     * name, which its manifest's Boot-Class-Path needs), so a rebuild of the agent module while the suite
     * runs cannot change or break the jar under test half-way.
     */
    private static volatile Path sessionAgentJar;

    private static final Semaphore SLOTS = new Semaphore(
            Math.max(1, Integer.getInteger("jlockdep.it.parallelism", 2)), true);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final AtomicInteger FORKS = new AtomicInteger();

    /** The program: a main class on the test programs' class path, or else a runnable jar. */
    private final Class<?> main;
    private final Path jar;
    private Jvm jvm = Jvm.JDK17;
    private String agentOptions = "";
    private boolean agent = true;
    private boolean jfr;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(90);
    private String label;
    private boolean libraries;

    private Fork(Class<?> main, Path jar) {
        this.main = main;
        this.jar = jar;
    }

    /** A run of the program whose {@code main} is in {@code main}. */
    public static Fork program(Class<?> main) {
        return new Fork(main, null);
    }

    /** A run of a runnable jar ({@code java -jar JAR}), the way a user starts it. */
    public static Fork jar(Path jar) {
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + " (build it first: mvn -B -q package -DskipTests)");
        return new Fork(null, jar);
    }

    /** The JVM to run on (default: the test JVM). */
    public Fork on(Jvm j) {
        this.jvm = j;
        return this;
    }

    /** The agent's option string (the part after {@code =}); empty for no options. */
    public Fork agent(String options) {
        this.agentOptions = options == null ? "" : options;
        this.agent = true;
        return this;
    }

    /** Runs without the agent. */
    public Fork noAgent() {
        this.agent = false;
        return this;
    }

    /** Adds {@code jfr=<run dir>/jlockdep.jfr} to the agent options and reads the recording back. */
    public Fork jfr() {
        this.jfr = true;
        return this;
    }

    /** Program arguments (scenario names). */
    public Fork args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    /** JVM options, before {@code -javaagent}. */
    public Fork jvmArgs(String... a) {
        jvmArgs.addAll(Arrays.asList(a));
        return this;
    }

    /**
     * Puts the real libraries ({@link #LIBRARY_CLASSPATH}) on the program's class path, after the programs and
     * the core jar; fails the test when the build did not provide them.
     */
    public Fork withLibraries() {
        assertTrue(!LIBRARY_CLASSPATH.isEmpty(), "jlockdep.it.libraryClasspath is not set (run the suite with Maven)");
        this.libraries = true;
        return this;
    }

    /** Time allowed before the JVM is destroyed (default 90 s: the machine may be busy). */
    public Fork timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** A name for the run directory (default: the program's simple name and its arguments). */
    public Fork label(String l) {
        this.label = l;
        return this;
    }

    /**
     * A fresh directory for files the run will use (config, contract, suppress files, outputs), created
     * now; pass paths in it to {@link #agent(String)} and they end up next to the run's own files.
     */
    public static Path newDir(String name) {
        Path dir = WORK.resolve(String.format(Locale.ROOT, "%04d-%s", SEQ.incrementAndGet(), sanitize(name)));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        return dir;
    }

    /** Runs the program and returns what it did; fails the test on a timeout. */
    public RunResult run() {
        return runIn(runDir());
    }

    /** A fresh directory for this run, named by {@link #label} or the program and its arguments. */
    private Path runDir() {
        String name = main != null ? main.getSimpleName() : jar.getFileName().toString().replace(".jar", "");
        return newDir(label != null ? label : name + "-" + String.join("-", args) + "-jdk" + jvm.feature());
    }

    /** The command of a run in {@code dir}, its outputs redirected to files there. */
    private ProcessBuilder processBuilder(Path dir) {
        Path agentJar = agent ? sessionAgentJar() : null;
        Path jfrFile = dir.resolve("jlockdep.jfr");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm.java().toString());
        // C1 only: halves the agent's start-up (its Byte Buddy work) on a small machine. Long-running
        // programs pass -XX:TieredStopAtLevel=4 to run with C2 as well.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        if (agent) {
            String opts = agentOptions;
            if (jfr) {
                opts = opts.isEmpty() ? "jfr=" + jfrFile : opts + ",jfr=" + jfrFile;
            }
            cmd.add("-javaagent:" + agentJar + (opts.isEmpty() ? "" : "=" + opts));
        }
        if (main != null) {
            cmd.add("-cp");
            cmd.add(classPath(libraries));
            cmd.add(main.getName());
        } else {
            cmd.add("-jar");
            cmd.add(jar.toString());
        }
        cmd.addAll(args);

        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        return pb;
    }

    /**
     * Starts the program without waiting for it (in a fresh run directory), for a test that acts on the
     * running JVM and then ends it with {@link Started#kill()}; counts against the parallelism until then.
     */
    public Started start() {
        ProcessBuilder pb = processBuilder(runDir());
        Path dir = pb.directory().toPath();
        SLOTS.acquireUninterruptibly();
        try {
            return new Started(pb.command(), dir, pb.start(), System.nanoTime());
        } catch (IOException e) {
            SLOTS.release();
            throw new IllegalStateException("cannot start " + pb.command(), e);
        }
    }

    /** A program {@link #start() started} and not yet ended. */
    public final class Started {
        private final List<String> command;
        private final Path dir;
        private final Process process;
        private final long t0;

        private Started(List<String> command, Path dir, Process process, long t0) {
            this.command = command;
            this.dir = dir;
            this.process = process;
            this.t0 = t0;
        }

        /** The agent's JFR file (with {@link #jfr()}), which may not exist yet. */
        public Path jfrFile() {
            return dir.resolve("jlockdep.jfr");
        }

        /** What the program printed on stdout so far. */
        public String stdout() {
            return read(dir.resolve("stdout.txt"));
        }

        /** Whether the JVM still runs. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Kills the JVM ({@code SIGKILL}: no shutdown hook, no agent exit) and returns what it did. */
        public RunResult kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                SLOTS.release();
            }
            FORKS.incrementAndGet();
            RunResult r = new RunResult(jvm, command, dir, process.isAlive() ? -1 : process.exitValue(),
                    read(dir.resolve("stdout.txt")), read(dir.resolve("stderr.txt")), jfr && agent ? jfrFile() : null,
                    (System.nanoTime() - t0) / 1_000_000);
            log(r);
            return r;
        }
    }

    /** As {@link #run()}, keeping the run's files in {@code dir}. */
    public RunResult runIn(Path dir) {
        ProcessBuilder pb = processBuilder(dir);
        List<String> cmd = pb.command();
        Path jfrFile = dir.resolve("jlockdep.jfr");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        long t0;
        long millis;
        int exit;
        boolean timedOut = false;
        String threadDump = null;
        SLOTS.acquireUninterruptibly();
        try {
            t0 = System.nanoTime();
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    threadDump = threadDump(p);
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + cmd, e);
            }
            millis = (System.nanoTime() - t0) / 1_000_000;
            exit = p.isAlive() ? -1 : p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        } finally {
            SLOTS.release();
        }
        FORKS.incrementAndGet();
        RunResult r = new RunResult(jvm, cmd, dir, exit, read(out), read(err), jfr && agent ? jfrFile : null, millis);
        log(r);
        if (timedOut) {
            fail("timed out after " + timeout.toSeconds() + " s and destroyed: " + r.describe()
                    + "\n--- thread dump ---\n" + threadDump);
        }
        return r;
    }

    /**
     * The session's copy of the agent jar, made on first use (and recorded in forks.log). A jar that is
     * being rebuilt right now (not a complete jar yet, or still growing) is waited for, up to five minutes.
     */
    public static synchronized Path sessionAgentJar() {
        if (sessionAgentJar != null) {
            return sessionAgentJar;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String problem;
        while (true) {
            problem = copyAgentJar();
            if (problem == null) {
                return sessionAgentJar;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no usable agent jar: " + problem
                + " (build it first: mvn -pl core,agent-bootstrap,agent install -DskipTests)");
        return null;
    }

    /** Copies and checks the agent jar; returns null on success, else what is wrong. */
    private static String copyAgentJar() {
        try {
            if (!Files.isRegularFile(AGENT_JAR)) {
                return "not found: " + AGENT_JAR;
            }
            long size = Files.size(AGENT_JAR);
            java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(AGENT_JAR);
            Path dir = Files.createDirectories(WORK.resolve("agent"));
            Path copy = dir.resolve(AGENT_JAR.getFileName());
            Files.copy(AGENT_JAR, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            if (Files.size(AGENT_JAR) != size || !Files.getLastModifiedTime(AGENT_JAR).equals(time)
                    || Files.size(copy) != size) {
                return AGENT_JAR + " changed while it was copied (being rebuilt?)";
            }
            try (java.util.jar.JarFile check = new java.util.jar.JarFile(copy.toFile())) {
                if (check.getManifest() == null
                        || check.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                    return AGENT_JAR + " has no Premain-Class in its manifest";
                }
            } catch (IOException e) {
                return AGENT_JAR + " is not a complete jar (being rebuilt?): " + e;
            }
            Files.writeString(WORK.resolve("forks.log"), "agent under test: " + AGENT_JAR + " (" + size
                    + " bytes, modified " + time + "), copied to " + copy + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            sessionAgentJar = copy;
            return null;
        } catch (IOException e) {
            return "cannot copy " + AGENT_JAR + ": " + e;
        }
    }

    private static String threadDump(Process p) {
        Path jcmd = Jvm.JDK17.java().resolveSibling("jcmd");
        try {
            Process d = new ProcessBuilder(jcmd.toString(), String.valueOf(p.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] text = d.getInputStream().readAllBytes();
            d.waitFor(20, TimeUnit.SECONDS);
            return new String(text, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static String classPath(boolean withLibraries) {
        StringBuilder cp = new StringBuilder(PROGRAM_CLASSES.toString());
        if (CORE_JAR != null) {
            cp.append(File.pathSeparatorChar).append(CORE_JAR);
        }
        if (withLibraries) {
            cp.append(File.pathSeparatorChar).append(LIBRARY_CLASSPATH);
        }
        return cp.toString();
    }

    /** Programs forked so far by this test JVM. */
    public static int forks() {
        return FORKS.get();
    }

    private static synchronized void log(RunResult r) {
        try {
            Files.createDirectories(WORK);
            String line = String.format(Locale.ROOT, "%6d ms  exit %3d  %-7s %s%n", r.millis(), r.exitCode(),
                    r.jvm(), WORK.relativize(r.dir()));
            Files.writeString(WORK.resolve("forks.log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is for people only
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e + ")";
        }
    }

    private static String sanitize(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return t.length() > 80 ? t.substring(0, 80) : t;
    }

    private static Path requiredPath(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    private static String libraryClasspath() {
        String v = System.getProperty("jlockdep.it.libraryClasspath", "");
        return v.startsWith("${") ? "" : v;
    }

    private static Path optionalPath(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty() || v.startsWith("${")) {
            return null;
        }
        return Paths.get(v).toAbsolutePath().normalize();
    }
}
