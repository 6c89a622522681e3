package io.jlockdep.benchmarks.merge;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.CliException;
import io.jlockdep.cli.EventSchema.DependencyEdge;
import io.jlockdep.cli.EventSchema.Statistics;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The CLI at CI scale (issue 15, item 5): {@code merge} and {@code check} over a directory of recordings like
 * a build with one test JVM per class makes — each recording made with {@code edges=on}, a few thousand edges,
 * most of them shared with the other JVMs (the same library code runs in every fork, often from the same
 * stacks), some its own, and a few cross-JVM inversions planted so that {@code merge} has work to report.
 *
 * <pre>
 * java -cp benchmarks.jar io.jlockdep.benchmarks.merge.MergeScale generate DIR [recordings] [edges] [seed]
 * java -Xmx1g -cp benchmarks.jar io.jlockdep.benchmarks.merge.MergeScale run DIR     # in-process, timed
 * java -Xmx1g -jar jlockdep-agent.jar merge DIR                                      # the CLI itself
 * </pre>
 *
 * {@code run} prints one line per step: seconds, and the peak heap used (all heap pools' peaks summed, an upper
 * bound) — to compare against {@code -Xmx}. It is a harness, not a test: nothing here asserts a time.
 */
public final class MergeScale {
    /** Edge names come from this many lock classes, ordered: an edge goes from a lower to a higher index. */
    private static final int CLASSES = 4_000;
    /** The distinct lock orders the simulated project's code can take (the union of all forks is within it). */
    private static final int SPACE = 30_000;
    /** Cross-JVM inversions planted: A -> B in one recording, B -> A in another. */
    static final int PLANTED = 5;
    private static final String[] THREADS = {"main", "pool-1-thread-1", "pool-1-thread-2", "ForkJoinPool.commonPool-worker-1"};

    private MergeScale() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("generate")) {
            int recordings = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
            int edges = args.length > 3 ? Integer.parseInt(args[3]) : 3_000;
            long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
            generate(Paths.get(args[1]), recordings, edges, seed);
        } else if (args.length == 2 && args[0].equals("run")) {
            run(Paths.get(args[1]));
        } else {
            System.err.println("usage: MergeScale generate DIR [recordings] [edges] [seed] | run DIR");
            System.exit(2);
        }
    }

    // ------------------------------------------------------------------------------------------------ generate

    static void generate(Path dir, int recordings, int edgesEach, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        // The project's lock orders: what its code can do. Forks draw from it; the union is bounded by it.
        long[] space = new long[SPACE];
        for (int i = 0; i < SPACE; i++) {
            space[i] = orderedPair(rnd);
        }
        int shared = edgesEach * 2 / 3; // run by (nearly) every JVM: library start-up, common fixtures
        long t0 = System.nanoTime();
        for (int r = 0; r < recordings; r++) {
            List<Event> events = new ArrayList<>(edgesEach + 4);
            String test = "test com.acme.module" + (r % 20) + ".Feature" + r + "Test.works()";
            for (int i = 0; i < shared; i++) {
                if (rnd.nextInt(10) == 0) {
                    continue; // not every fork runs every shared path
                }
                events.add(edge(space[i], r, rnd, test));
            }
            while (events.size() < edgesEach) {
                // This fork's own paths: skewed towards the start of the rest of the space.
                int rest = SPACE - shared;
                int i = shared + (int) (rest * Math.pow(rnd.nextDouble(), 3));
                events.add(edge(space[i], r, rnd, test));
            }
            if (r < 2 * PLANTED) {
                // Recording 2k takes P_k -> Q_k, recording 2k+1 takes Q_k -> P_k: a cycle only merge sees.
                int k = r / 2;
                String p = "ReentrantLock com.acme.planted.Pair" + k + ".first";
                String q = "ReentrantLock com.acme.planted.Pair" + k + ".second";
                events.add(edge(r % 2 == 0 ? p : q, r % 2 == 0 ? q : p, stack(7_000 + r, r), "main", test));
            }
            StatisticsEvent stats = new StatisticsEvent();
            stats.classes = CLASSES;
            stats.edges = events.size();
            stats.edgesRecorded = true;
            events.add(stats);
            write(dir.resolve(String.format(Locale.ROOT, "fork-%05d.jfr", r)), events);
        }
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                bytes += Files.size(f);
            }
        }
        System.out.printf(Locale.ROOT, "generated %d recordings of %d edges in %s: %.1f MB, %.1f s%n", recordings,
                edgesEach, dir, bytes / 1e6, (System.nanoTime() - t0) / 1e9);
    }

    /** Two class indexes {@code a < b}, packed. */
    private static long orderedPair(SplittableRandom rnd) {
        int a = rnd.nextInt(CLASSES - 1);
        int b = a + 1 + rnd.nextInt(Math.min(200, CLASSES - 1 - a));
        return ((long) a << 32) | b;
    }

    /** An edge of the space; its stack is the path's usual one, or (one time in five) reached from this fork's test. */
    private static Event edge(long pair, int fork, SplittableRandom rnd, String test) {
        int a = (int) (pair >>> 32);
        int b = (int) pair;
        int variant = rnd.nextInt(5) == 0 ? fork + 1 : 0;
        return edge(className(a), className(b), stack(a * 31 + b, variant), THREADS[rnd.nextInt(THREADS.length)], test);
    }

    private static Event edge(String from, String to, String stack, String thread, String context) {
        EdgeEvent e = new EdgeEvent();
        e.cycleId = "";
        e.index = -1;
        e.from = from;
        e.to = to;
        e.type = "EN";
        e.thread = thread;
        e.stack = stack;
        e.origin = "observed";
        e.context = context;
        return e;
    }

    private static String className(int i) {
        switch (i % 4) {
            case 0:
                return "ReentrantLock com.acme.module" + (i % 37) + ".Service" + i + ".lock";
            case 1:
                return "Registry" + i + "@com.acme.module" + (i % 37) + ".Registry" + i + ".<init>#1";
            case 2:
                return "ReentrantReadWriteLock com.acme.cache.Region" + i + ".rw";
            default:
                return "monitor com.acme.model.Entity" + i;
        }
    }

    /** A 32-frame stack as the agent writes it: library frames, then the code path, then the test harness. */
    private static String stack(int path, int variant) {
        StringBuilder sb = new StringBuilder(2_400);
        for (int f = 0; f < 32; f++) {
            if (f > 0) {
                sb.append('\n');
            }
            sb.append("\tat ");
            if (f < 6) {
                sb.append("com.acme.module").append(path % 37).append(".Service").append(path % 4_000).append(".step")
                        .append(f).append("(Service").append(path % 4_000).append(".java:").append(40 + f * 7 + path % 13)
                        .append(')');
            } else if (f < 12) {
                sb.append("com.acme.module").append(path % 37).append(".Feature").append(variant).append("Test.scenario")
                        .append(f).append("(Feature").append(variant).append("Test.java:").append(20 + f).append(')');
            } else {
                sb.append("org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively")
                        .append("(NodeTestTask.java:").append(100 + f).append(')');
            }
        }
        return sb.toString();
    }

    private static void write(Path file, List<Event> events) throws IOException {
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable(DependencyEdge.NAME).withoutStackTrace();
            r.enable(Statistics.NAME).withoutStackTrace();
            r.start();
            for (Event e : events) {
                e.commit();
            }
            r.stop();
            r.dump(file);
        }
    }

    // ------------------------------------------------------------------------------------------------ run

    static void run(Path dir) throws CliException {
        Path cwd = Paths.get("").toAbsolutePath();
        long t0 = System.nanoTime();
        List<Recording> recs = Reports.read(List.of(dir.toString()), cwd);
        long t1 = System.nanoTime();
        Outcome check = Reports.check(recs, (Baseline) null);
        long t2 = System.nanoTime();
        Outcome merge = Reports.merge(recs, null);
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "read %d recordings: %.2f s%n", recs.size(), (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "check: %.2f s (%d findings)%n", (t2 - t1) / 1e9, check.findings().size());
        System.out.printf(Locale.ROOT, "merge: %.2f s (%d findings; %d planted)%n", (t3 - t2) / 1e9,
                merge.findings().size(), PLANTED);
        System.out.printf(Locale.ROOT, "peak heap used: %.0f MB (max %.0f MB)%n", peakHeap() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------------------ events

    /** The agent's {@code io.jlockdep.DependencyEdge}, declared from the CLI's schema. */
    @Name(DependencyEdge.NAME)
    @StackTrace(false)
    static final class EdgeEvent extends Event {
        @Name(DependencyEdge.CYCLE_ID)
        String cycleId;
        @Name(DependencyEdge.INDEX)
        int index;
        @Name(DependencyEdge.FROM)
        String from;
        @Name(DependencyEdge.TO)
        String to;
        @Name(DependencyEdge.TYPE)
        String type;
        @Name(DependencyEdge.THREAD)
        String thread;
        @Name(DependencyEdge.STACK)
        String stack;
        @Name(DependencyEdge.ORIGIN)
        String origin;
        @Name(DependencyEdge.CONTEXT)
        String context;
    }

    /** The agent's {@code io.jlockdep.Statistics}: the fields the reader uses. */
    @Name(Statistics.NAME)
    @StackTrace(false)
    static final class StatisticsEvent extends Event {
        @Name(Statistics.CLASSES)
        int classes;
        @Name(Statistics.EDGES)
        int edges;
        @Name(Statistics.EDGES_RECORDED)
        boolean edgesRecorded;
    }
}
