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

/**
 * Forks the runnable demo jar, {@code java -XX:TieredStopAtLevel=1 [-javaagent:<agent>=<options>] -jar
 * demo-drivers/target/jlockdep-demo-drivers.jar ARGS}, the way a user runs it (which {@link Fork}, built for
 * {@code -cp} programs, does not do), and returns a {@link RunResult} like Fork's: same session directory,
 * same agent jar copy, same {@code forks.log}, a timeout with a thread dump.
 */
final class DemoRun {
    /** The demo jar under test: this reactor's demo-drivers build. */
    static final Path DEMO_JAR = Paths.get(System.getProperty("jlockdep.it.demoJar",
            "../demo-drivers/target/jlockdep-demo-drivers.jar")).toAbsolutePath().normalize();

    /** Demo runs at once (Fork has its own cap for the program runs; test classes run one at a time). */
    private static final Semaphore SLOTS = new Semaphore(
            Math.max(1, Integer.getInteger("jlockdep.it.parallelism", 2)), true);

    private final Jvm jvm;
    private boolean agent = true;
    private String options = "";
    private boolean jfr;
    private final List<String> args = new ArrayList<>();
    private String label = "demo";
    private Duration timeout = Duration.ofSeconds(120);

    private DemoRun(Jvm jvm) {
        this.jvm = jvm;
    }

    /** A run of the demo jar on {@code jvm}, under the agent with no options. */
    static DemoRun on(Jvm jvm) {
        return new DemoRun(jvm);
    }

    /** The agent's options (the part after {@code =}). */
    DemoRun agent(String agentOptions) {
        this.options = agentOptions;
        return this;
    }

    /** Runs without the agent. */
    DemoRun noAgent() {
        this.agent = false;
        return this;
    }

    /** Adds {@code jfr=<run dir>/jlockdep.jfr} to the agent options; the result reads it back. */
    DemoRun jfr() {
        this.jfr = true;
        return this;
    }

    /** The demo's arguments. */
    DemoRun args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    /** The run directory's name (the JDK is appended). */
    DemoRun label(String l) {
        this.label = l;
        return this;
    }

    RunResult run() {
        assertTrue(Files.isRegularFile(DEMO_JAR), "no demo jar at " + DEMO_JAR
                + " (build it: mvn -pl demo-drivers package -DskipTests)");
        Path dir = Fork.newDir(label + "-jdk" + jvm.feature());
        Path jfrFile = dir.resolve("jlockdep.jfr");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm.java().toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        if (agent) {
            String opts = options;
            if (jfr) {
                opts = opts.isEmpty() ? "jfr=" + jfrFile : opts + ",jfr=" + jfrFile;
            }
            cmd.add("-javaagent:" + Fork.sessionAgentJar() + (opts.isEmpty() ? "" : "=" + opts));
        }
        cmd.add("-jar");
        cmd.add(DEMO_JAR.toString());
        cmd.addAll(args);

        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        int exit;
        long millis;
        String dump = null;
        SLOTS.acquireUninterruptibly();
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    dump = threadDump(p);
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + cmd, e);
            }
            millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            exit = p.isAlive() ? -1 : p.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        } finally {
            SLOTS.release();
        }
        RunResult r = new RunResult(jvm, cmd, dir, exit, Fork.read(out), Fork.read(err), jfr && agent ? jfrFile : null,
                millis);
        log(r);
        if (dump != null) {
            fail("timed out after " + timeout.toSeconds() + " s and destroyed: " + r.describe() + "\n--- thread dump ---\n"
                    + dump);
        }
        return r;
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

    private static synchronized void log(RunResult r) {
        try {
            String line = String.format(Locale.ROOT, "%6d ms  exit %3d  %-7s %s%n", r.millis(), r.exitCode(), r.jvm(),
                    Fork.WORK.relativize(r.dir()));
            Files.writeString(Fork.WORK.resolve("forks.log"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is for people only
        }
    }
}
