package io.jlockdep.benchmarks.agent;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the agent benchmarks ({@link AgentLockBenchmark}, {@link AgentMonitorBenchmark},
 * {@link AgentTwoThreadsBenchmark}, {@link AgentReadWriteBenchmark}, {@link AgentAllocationBenchmark}, {@link AgentEventBenchmark},
 * {@link AgentQueuePairBenchmark}) in their variants in one run: {@code plain} and {@code guava}
 * forked as usual, {@code agent} forked with
 * {@code -javaagent:<jar>=}{@value #AGENT_OPTIONS}, {@code events-off} (event workloads only) with
 * {@code -javaagent:<jar>=}{@value #EVENTS_OFF_OPTIONS}.
 *
 * <pre>
 * java [-Djlockdep.agent=/path/to/jlockdep-agent.jar] -cp benchmarks/target/benchmarks.jar \
 *     io.jlockdep.benchmarks.agent.AgentBenchmarks [JMH options] [-rf json -rff FILE] [regexp…]
 * </pre>
 *
 * <p>JMH options ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -prof gc},
 * {@code -p depth=5}, {@code -p held=1}, {@code -jvmArgsAppend} …) apply to every variant;
 * {@code -p variant=agent,plain} runs only those variants. Regexps select workloads by
 * benchmark name, as with JMH. Workloads run one after the other and, within a workload (and depth),
 * the variants run back to back, so slow drifts of machine load hit all three alike. The results of all
 * runs go to one file ({@code -rf}/{@code -rff}, JSON by default), in JMH's usual format, each result
 * with its {@code variant} parameter and its fork's JVM arguments.
 *
 * <p>The agent jar: {@code -Djlockdep.agent=PATH}, else {@code agent/target/jlockdep-agent.jar} of the
 * repository this jar was built in ({@code benchmarks/target/benchmarks.jar} → {@code ../../agent/target}),
 * else the same path under the working directory or its parent. Missing: an error naming where it looked.
 */
public final class AgentBenchmarks {
    private static final String PACKAGE = "io.jlockdep.benchmarks.agent";

    /** System property naming the agent jar. */
    public static final String AGENT_PROPERTY = "jlockdep.agent";
    /** Agent options for the agent variant: no report output, JMH's own classes left alone. */
    public static final String AGENT_OPTIONS = "log=off,exclude=org.openjdk.jmh.*:" + PACKAGE + ".jmh_generated.*";
    /** Agent options of the {@code events-off} variant: those of {@code agent}, waits and events not advised. */
    public static final String EVENTS_OFF_OPTIONS = AGENT_OPTIONS + ",events=off";

    private static final String AGENT_JAR = "agent/target/jlockdep-agent.jar";

    /** A workload: one benchmark method, at one value of its split parameter (depth, held) where it has one. */
    private static final class Workload {
        final String benchmark;
        final String param;
        final String value;
        final List<Variant> variants;

        Workload(String benchmark, String param, String value, Variant... variants) {
            this.benchmark = benchmark;
            this.param = param;
            this.value = value;
            this.variants = Arrays.asList(variants);
        }

        @Override
        public String toString() {
            return benchmark + (param != null ? " " + param + "=" + value : "");
        }
    }

    private AgentBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (UsageException e) {
            System.err.println("AgentBenchmarks: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws RunnerException, IOException, CommandLineOptionException {
        // -rf/-rff and the regexps are ours: each variant's Runner gets its own include and no result file.
        List<String> jmhArgs = new ArrayList<>();
        List<String> regexps = new ArrayList<>();
        String resultFormat = null;
        String resultFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-rf") || a.equals("-rff")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                if (a.equals("-rf")) {
                    resultFormat = args[++i];
                } else {
                    resultFile = args[++i];
                }
            } else if (a.startsWith("-")) {
                jmhArgs.add(a);
                if (takesValue(a)) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(a + " needs a value");
                    }
                    jmhArgs.add(args[++i]);
                }
            } else {
                regexps.add(a);
            }
        }
        CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        if (cmd.shouldHelp()) {
            System.out.println("Usage: java [-D" + AGENT_PROPERTY + "=AGENT_JAR] -cp benchmarks.jar "
                    + AgentBenchmarks.class.getName() + " [JMH options] [-rf FORMAT] [-rff FILE] [regexp...]");
            System.out.println("Runs each selected workload as plain, agent (-javaagent) and guava. JMH options:");
            cmd.showHelp();
            return 0;
        }

        List<Workload> workloads = workloads(cmd, regexps);
        if (cmd.shouldList()) {
            for (Workload w : workloads) {
                System.out.println(w + "  [" + String.join(", ", variantIds(w)) + "]");
            }
            return 0;
        }
        if (workloads.isEmpty()) {
            throw new UsageException("no agent benchmark matches " + regexps);
        }

        ResultFormatType format = resultFormat == null ? ResultFormatType.JSON
                : ResultFormatType.valueOf(resultFormat.toUpperCase(Locale.ROOT));
        if (resultFile == null && resultFormat != null) {
            resultFile = "jmh-result." + format.toString().toLowerCase(Locale.ROOT);
        }
        String agent = agentJar().getAbsolutePath();
        String javaagent = "-javaagent:" + agent + "=" + AGENT_OPTIONS;
        System.out.println("# jlockdep agent: " + agent);
        System.out.println("# agent variant JVM option: " + javaagent);
        List<String> userAppend = new ArrayList<>(cmd.getJvmArgsAppend().orElse(Collections.<String>emptyList()));

        Collection<String> variants = cmd.getParameter("variant").orElse(null);
        List<RunResult> all = new ArrayList<>();
        for (Workload w : workloads) {
            for (Variant v : w.variants) {
                if (variants != null && !variants.contains(v.id)) {
                    continue;
                }
                List<String> append = new ArrayList<>(userAppend);
                if (v == Variant.AGENT) {
                    append.add(javaagent);
                } else if (v == Variant.EVENTS_OFF) {
                    append.add("-javaagent:" + agent + "=" + EVENTS_OFF_OPTIONS);
                }
                ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd)
                        .include("^" + Pattern.quote(w.benchmark) + "$")
                        .param("variant", v.id)
                        .jvmArgsAppend(append.toArray(new String[0]));
                if (w.param != null) {
                    b.param(w.param, w.value);
                }
                System.out.println("# ==== " + w + " variant=" + v.id);
                Collection<RunResult> results = new Runner(b.build()).run();
                all.addAll(results);
                if (resultFile != null) {
                    // Rewritten after every run, so an interrupted run keeps what it measured.
                    ResultFormatFactory.getInstance(format, resultFile).writeOut(all);
                }
            }
        }
        if (resultFile != null) {
            System.out.println("# results of " + all.size() + " runs in " + new File(resultFile).getAbsolutePath());
        }
        return 0;
    }

    /**
     * The selected workloads in run order; the depth and held parameters are split so variants run back to back
     * per value.
     */
    private static List<Workload> workloads(CommandLineOptions cmd, List<String> regexps) {
        Variant[] lockVariants = {Variant.PLAIN, Variant.AGENT, Variant.GUAVA};
        Variant[] monitorVariants = {Variant.PLAIN, Variant.AGENT};
        Variant[] eventVariants = {Variant.PLAIN, Variant.AGENT, Variant.EVENTS_OFF};
        Collection<String> depths = cmd.getParameter("depth").orElse(Arrays.asList("1", "2", "5", "20"));
        Collection<String> helds = cmd.getParameter("held").orElse(Arrays.asList("0", "1"));
        List<Workload> all = new ArrayList<>();
        String lock = PACKAGE + "." + AgentLockBenchmark.class.getSimpleName() + ".lockUnlock";
        for (String d : depths) {
            all.add(new Workload(lock, "depth", d, lockVariants));
        }
        all.add(new Workload(PACKAGE + "." + AgentMonitorBenchmark.class.getSimpleName() + ".syncBlock", null, null,
                monitorVariants));
        all.add(new Workload(PACKAGE + "." + AgentMonitorBenchmark.class.getSimpleName() + ".syncMethod", null, null,
                monitorVariants));
        all.add(new Workload(PACKAGE + "." + AgentTwoThreadsBenchmark.class.getSimpleName() + ".lockUnlock", null, null,
                lockVariants));
        for (String op : new String[] {"readLockUnlock", "writeLockUnlock"}) {
            for (String d : depths) {
                if (d.equals("1") || d.equals("2")) { // nothing held, or one lock
                    all.add(new Workload(PACKAGE + "." + AgentReadWriteBenchmark.class.getSimpleName() + "." + op,
                            "depth", d, lockVariants));
                }
            }
        }
        for (String op : new String[] {"newStringBuffer", "newHashtable", "newSynchronizedType", "storeHashtable",
                "newArrayList"}) {
            all.add(new Workload(PACKAGE + "." + AgentAllocationBenchmark.class.getSimpleName() + "." + op, null, null,
                    monitorVariants));
        }
        for (String op : AgentEventBenchmark.OPS) {
            for (String h : helds) {
                all.add(new Workload(PACKAGE + "." + AgentEventBenchmark.class.getSimpleName() + "." + op, "held", h,
                        eventVariants));
            }
        }
        for (String h : helds) {
            all.add(new Workload(PACKAGE + "." + AgentQueuePairBenchmark.class.getSimpleName() + ".pair", "held", h,
                    eventVariants));
        }
        List<String> excludes = cmd.getExcludes();
        List<Workload> selected = new ArrayList<>();
        for (Workload w : all) {
            boolean in = regexps.isEmpty();
            for (String r : regexps) {
                in |= Pattern.compile(r).matcher(w.benchmark).find();
            }
            for (String r : excludes) {
                in &= !Pattern.compile(r).matcher(w.benchmark).find();
            }
            if (in) {
                selected.add(w);
            }
        }
        return selected;
    }

    private static List<String> variantIds(Workload w) {
        List<String> ids = new ArrayList<>();
        for (Variant v : w.variants) {
            ids.add(v.id);
        }
        return ids;
    }

    /** JMH's options without a value; every other option takes exactly one. */
    private static boolean takesValue(String option) {
        switch (option) {
            case "-h":
            case "-l":
            case "-lp":
            case "-lprof":
            case "-lrf":
                return false;
            default:
                return true;
        }
    }

    /** The agent jar: the system property, else next to this repository's benchmarks, else under the working directory. */
    public static File agentJar() {
        String property = System.getProperty(AGENT_PROPERTY);
        if (property != null) {
            File f = new File(property);
            if (!f.isFile()) {
                throw new UsageException("-D" + AGENT_PROPERTY + "=" + property + ": no such file");
            }
            return f;
        }
        List<File> candidates = new ArrayList<>();
        File own = ownLocation();
        if (own != null && own.getParentFile() != null && own.getParentFile().getParentFile() != null) {
            // benchmarks/target/benchmarks.jar or benchmarks/target/classes -> <repo>/agent/target/...
            candidates.add(new File(own.getParentFile().getParentFile().getParentFile(), AGENT_JAR));
        }
        candidates.add(new File(AGENT_JAR));
        candidates.add(new File("..", AGENT_JAR));
        for (File f : candidates) {
            if (f.isFile()) {
                return f;
            }
        }
        StringBuilder looked = new StringBuilder();
        for (File f : candidates) {
            looked.append("\n  ").append(f.getAbsoluteFile().toPath().normalize());
        }
        throw new UsageException("the jlockdep agent jar was not found; build it with\n"
                + "  mvn -B -q install -pl core,agent-bootstrap,agent -DskipTests\n"
                + "or name it with -D" + AGENT_PROPERTY + "=/path/to/jlockdep-agent.jar. Looked for:" + looked);
    }

    private static File ownLocation() {
        try {
            CodeSource cs = AgentBenchmarks.class.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? null : new File(cs.getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** A problem with the command line or the set-up; printed without a stack trace. */
    static final class UsageException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
