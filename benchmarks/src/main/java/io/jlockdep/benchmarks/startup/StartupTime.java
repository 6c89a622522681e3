package io.jlockdep.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wall time of a hello-world JVM ({@link Hello}) without and with the jlockdep agent: from starting the
 * {@code java} process to its exit, as a user sees it.
 *
 * <pre>
 * java -cp benchmarks.jar io.jlockdep.benchmarks.startup.StartupTime [--java PATH/bin/java] [--agent JAR]
 *      [--agent-options OPTS] [--runs N] [--warmup N] [--out FILE.json]
 * </pre>
 *
 * <p>{@code Hello.class} is copied to a temporary directory, which is the child's whole class path (no big
 * jar to open). The two configurations alternate, and which goes first alternates per round, so drifting
 * machine load hits both alike; {@code --warmup} rounds (default 2) run first and are discarded (file
 * cache). Every run must exit 0 and print exactly the greeting. After the timed rounds a few extra agent
 * runs with {@code -Djlockdep.debug} report the agent's own "installed in N ms" (Byte Buddy installation and
 * retransformation; median of max(3, runs / 4) runs), for the breakdown. Prints median and min (and max, mean) in ms per configuration,
 * and with {@code --out} writes them and every sample as JSON.
 */
public final class StartupTime {
    private static final String GREETING = "Hello, world";
    private static final Pattern BUILD = Pattern.compile("\\(build ([^)]+)\\)");
    private static final Pattern INSTALLED = Pattern.compile("jlockdep: installed in (\\d+) ms");

    private StartupTime() {
    }

    public static void main(String[] args) throws Exception {
        String java = new File(System.getProperty("java.home"), "bin/java").getPath();
        String agent = null;
        String agentOptions = null;
        String out = null;
        int runs = 20;
        int warmup = 2;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--java":
                    java = need(args[i], value);
                    break;
                case "--agent":
                    agent = need(args[i], value);
                    break;
                case "--agent-options":
                    agentOptions = need(args[i], value);
                    break;
                case "--runs":
                    runs = Integer.parseInt(need(args[i], value));
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(need(args[i], value));
                    break;
                case "--out":
                    out = need(args[i], value);
                    break;
                default:
                    usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (runs < 1 || warmup < 0) {
            usage("--runs must be at least 1, --warmup at least 0");
        }
        File agentJar;
        if (agent != null) {
            agentJar = new File(agent);
            if (!agentJar.isFile()) {
                usage("--agent " + agent + ": no such file");
            }
        } else {
            try {
                agentJar = io.jlockdep.benchmarks.agent.AgentBenchmarks.agentJar();
            } catch (IllegalStateException e) {
                usage(e.getMessage());
                return;
            }
        }
        String javaagent = "-javaagent:" + agentJar.getAbsolutePath() + (agentOptions != null ? "=" + agentOptions : "");

        Path dir = Files.createTempDirectory("jlockdep-startup");
        try {
            Path cls = dir.resolve("io/jlockdep/benchmarks/startup/Hello.class");
            Files.createDirectories(cls.getParent());
            try (InputStream in = StartupTime.class.getResourceAsStream("Hello.class")) {
                if (in == null) {
                    throw new IllegalStateException("Hello.class not found next to StartupTime");
                }
                Files.copy(in, cls, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> plainCmd = Arrays.asList(java, "-cp", dir.toString(), Hello.class.getName());
            List<String> agentCmd = Arrays.asList(java, javaagent, "-cp", dir.toString(), Hello.class.getName());
            String version = javaVersion(java, dir);
            System.out.println("# java: " + java + " (" + version + ")");
            System.out.println("# agent: " + javaagent);
            System.out.println("# " + runs + " timed rounds after " + warmup + " discarded, alternating order");

            double[] plain = new double[runs];
            double[] withAgent = new double[runs];
            for (int round = -warmup; round < runs; round++) {
                boolean agentFirst = (round & 1) != 0;
                double a;
                double p;
                if (agentFirst) {
                    a = timedRun(agentCmd, dir);
                    p = timedRun(plainCmd, dir);
                } else {
                    p = timedRun(plainCmd, dir);
                    a = timedRun(agentCmd, dir);
                }
                if (round >= 0) {
                    plain[round] = p;
                    withAgent[round] = a;
                }
            }
            List<String> debugCmd = new ArrayList<>(agentCmd);
            debugCmd.add(1, "-Djlockdep.debug");
            int debugRuns = Math.max(3, runs / 4);
            double[] install = new double[debugRuns];
            for (int i = 0; i < debugRuns; i++) {
                Matcher m = INSTALLED.matcher(run(debugCmd, dir, false)[1]);
                install[i] = m.find() ? Long.parseLong(m.group(1)) : Double.NaN;
            }
            double installMs = median(install);

            System.out.printf(Locale.ROOT, "%-10s %10s %10s %10s %10s%n", "", "median ms", "min ms", "max ms", "mean ms");
            print("no agent", plain);
            print("agent", withAgent);
            System.out.printf(Locale.ROOT, "agent adds %.1f ms (median) / %.1f ms (min); agent's own install: %.0f ms (median of %d debug runs)%n",
                    median(withAgent) - median(plain), min(withAgent) - min(plain), installMs, debugRuns);
            if (out != null) {
                try (PrintStream ps = new PrintStream(new File(out), "UTF-8")) {
                    ps.println("{");
                    ps.println("  \"java\": \"" + json(java) + "\",");
                    ps.println("  \"javaVersion\": \"" + json(version) + "\",");
                    ps.println("  \"javaagent\": \"" + json(javaagent) + "\",");
                    ps.println("  \"runs\": " + runs + ",");
                    ps.println("  \"warmup\": " + warmup + ",");
                    ps.println("  \"plain\": " + stats(plain) + ",");
                    ps.println("  \"agent\": " + stats(withAgent) + ",");
                    ps.println("  \"agentInstallMs\": " + String.format(Locale.ROOT, "%.0f", installMs) + ",");
                    ps.println("  \"agentInstallDebugRuns\": " + debugRuns);
                    ps.println("}");
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("StartupTime: " + problem);
        System.err.println("usage: StartupTime [--java PATH/bin/java] [--agent JAR] [--agent-options OPTS] [--runs N] "
                + "[--warmup N] [--out FILE.json]");
        System.exit(2);
    }

    /** Milliseconds from process start to exit; fails unless it exited 0 and printed the greeting. */
    private static double timedRun(List<String> cmd, Path dir) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String[] outErr = run(cmd, dir, true);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!outErr[1].isEmpty()) {
            System.err.println("# stderr of " + cmd + ":\n" + outErr[1]);
        }
        return ms;
    }

    /** Runs {@code cmd} with output to files (no pipe to drain while timing); returns {stdout, stderr}. */
    private static String[] run(List<String> cmd, Path dir, boolean check) throws IOException, InterruptedException {
        File stdout = dir.resolve("stdout.txt").toFile();
        File stderr = dir.resolve("stderr.txt").toFile();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout).redirectError(stderr).start();
        int status = p.waitFor();
        String o = new String(Files.readAllBytes(stdout.toPath()), StandardCharsets.UTF_8);
        String e = new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8);
        if (check && (status != 0 || !o.trim().equals(GREETING))) {
            throw new IllegalStateException(cmd + " exited " + status + "\nstdout: " + o + "\nstderr: " + e);
        }
        return new String[] {o, e};
    }

    private static String javaVersion(String java, Path dir) throws IOException, InterruptedException {
        String err = run(Arrays.asList(java, "-version"), dir, false)[1];
        for (String line : err.split("\n")) {
            Matcher m = BUILD.matcher(line);
            if (line.contains("Runtime Environment") && m.find()) {
                return m.group(1);
            }
        }
        return err.trim();
    }

    private static void print(String label, double[] ms) {
        System.out.printf(Locale.ROOT, "%-10s %10.1f %10.1f %10.1f %10.1f%n", label, median(ms), min(ms), max(ms), mean(ms));
    }

    private static String stats(double[] ms) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "{\"medianMs\": %.2f, \"minMs\": %.2f, \"maxMs\": %.2f, \"meanMs\": %.2f, \"samplesMs\": [",
                median(ms), min(ms), max(ms), mean(ms)));
        for (int i = 0; i < ms.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ms[i]));
        }
        return b.append("]}").toString();
    }

    static double median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        int n = s.length;
        return (n & 1) == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] ms) {
        return Arrays.stream(ms).min().getAsDouble();
    }

    private static double max(double[] ms) {
        return Arrays.stream(ms).max().getAsDouble();
    }

    private static double mean(double[] ms) {
        return Arrays.stream(ms).average().getAsDouble();
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
