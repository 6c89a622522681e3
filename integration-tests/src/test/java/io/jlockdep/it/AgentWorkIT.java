package io.jlockdep.it;

import static io.jlockdep.it.Sources.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.it.JfrData.Edge;
import io.jlockdep.it.JfrData.Finding;
import io.jlockdep.it.programs.AgentWork;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's own work never enters the program's lock graph: a program loads many classes for the first
 * time (its own, JDK ones, lambdas, a service, classes of a {@code URLClassLoader}) while it holds a
 * {@code ReentrantLock} and a monitor, so the agent's transformer and lock-code scan run on its thread under
 * those locks. With {@code edges=on} every recorded edge is in the recording: none may have a frame of the
 * agent (or its Byte Buddy) in its stack, and the program's own nested lock must be there.
 */
class AgentWorkIT {
    private static final Class<?> P = AgentWork.class;
    private static final Pattern FRAME = Pattern.compile("(?m)^\\s*at\\s+(\\S+?)\\(");

    private static final Memo<Jvm, RunResult> RUN = new Memo<>(jvm -> Fork.program(AgentWork.class).on(jvm)
            // Long traces, so that a hook called from deep inside the transformer still shows it.
            .agent("edges=on,framesPerTrace=256").jfr().args("load-under-locks")
            .label("AgentWork-" + jvm.feature()).run());

    private static final Memo<Jvm, RunResult> MANY = new Memo<>(jvm -> Fork.program(AgentWork.class).on(jvm)
            .agent("").args("many-classes").label("AgentWork-many-" + jvm.feature()).run());

    /**
     * A JVM that makes the transformer parse many classes gets the compiler directive that keeps the agent's own
     * class-file code out of C2 (see docs/agent.md), on both JDKs; the program runs as before.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void aBusyTransformerIsCompiledByC1Only(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = MANY.get(jvm).assertExit(0);
        r.assertStdoutLine("END many-classes");
        assertEquals("present", r.value("DIRECTIVE"), r::describe);
    }

    /** With C2 as the only compiler the directive would leave the agent's code interpreted: it is not added. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void noDirectiveWhenC2IsTheOnlyCompiler(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = Fork.program(AgentWork.class).on(jvm).agent("").args("many-classes")
                .jvmArgs("-XX:-TieredCompilation", "-Djlockdep.debug=1", "-Dagentwork.waitMillis=3000")
                .label("AgentWork-c2only-" + jvm.feature()).run().assertExit(0);
        r.assertStdoutLine("END many-classes");
        assertEquals("absent", r.value("DIRECTIVE"), r::describe);
        assertTrue(r.stderr().contains("compiler directive for the agent's own code: not added: C2 is the only"),
                r::describe);
    }

    private static RunResult run(Jvm jvm) {
        jvm.assumeAvailable();
        RunResult r = RUN.get(jvm).assertExit(0);
        r.assertStdoutLine("END load-under-locks");
        // 12 own classes, the JDK classes, 2 lambdas, 1 service, 4 classes of the URLClassLoader.
        int expected = 12 + AgentWork.JDK_CLASSES.length + 2 + 1 + 4;
        assertEquals(String.valueOf(expected), r.value("LOADED"), r::describe);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void noEdgeOrFindingComesFromTheAgentsOwnWork(Jvm jvm) {
        JfrData jfr = run(jvm).jfr();
        List<String> bad = new ArrayList<>();
        for (Edge e : jfr.edges()) {
            List<String> frames = foreignFrames(e.stack());
            if (!frames.isEmpty()) {
                bad.add("edge " + e + " has " + frames + "\n" + e.stack());
            }
        }
        for (Finding f : jfr.findings()) {
            List<String> frames = foreignFrames(f.acquisitionStack() + "\n" + f.report());
            if (!frames.isEmpty()) {
                bad.add("finding " + f + " has " + frames + "\n" + f.report());
            }
        }
        assertTrue(bad.isEmpty(), () -> bad.size() + " of " + jfr.edges().size() + " edges and "
                + jfr.findings().size() + " findings come from the agent's own work:\n"
                + String.join("\n\n", bad.subList(0, Math.min(5, bad.size()))) + jfr.run().describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void noFindingAtAll(Jvm jvm) {
        // The only nesting is the program's three locks in one order; in particular no "unbalanced" release
        // of a lock the agent's work took.
        run(jvm).jfr().assertNoFindings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jlockdep.it.Jvm#all")
    void theProgramsOwnNestingIsRecorded(Jvm jvm) {
        JfrData jfr = run(jvm).jfr();
        String outer = site("ReentrantLock", P, "loadUnderLocks", "outer");
        String monitor = site("Object", P, "loadUnderLocks", "monitor");
        String nested = site("ReentrantLock", P, "loadUnderLocks", "nested");
        for (String[] e : new String[][] {{outer, monitor}, {monitor, nested}, {outer, nested}}) {
            List<Edge> found = jfr.plainEdges().stream().filter(x -> x.from().equals(e[0]) && x.to().equals(e[1]))
                    .collect(Collectors.toList());
            assertEquals(1, found.size(), () -> "edge " + e[0] + " -> " + e[1] + " among " + jfr.plainEdges());
            assertEquals("EN", found.get(0).type(), found.get(0)::toString);
        }
        Edge inner = jfr.plainEdges().stream().filter(x -> x.from().equals(monitor) && x.to().equals(nested))
                .findFirst().orElseThrow();
        assertTrue(inner.stack().contains("AgentWork.loadUnderLocks(" + Sources.fileLine(P, "nested-lock") + ")"),
                inner::stack);
    }

    /** Frames of jlockdep (other than the test programs) or of Byte Buddy, shaded or not, in a stack text. */
    static List<String> foreignFrames(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = FRAME.matcher(text);
        while (m.find()) {
            String frame = m.group(1);
            // Drop "loader/" and "module@version/" prefixes of StackTraceElement.toString().
            frame = frame.substring(frame.lastIndexOf('/') + 1);
            boolean ours = frame.startsWith("io.jlockdep.") && !frame.startsWith("io.jlockdep.it.programs.");
            if ((ours || frame.startsWith("net.bytebuddy.")) && !out.contains(frame)) {
                out.add(frame);
            }
        }
        return out;
    }
}
