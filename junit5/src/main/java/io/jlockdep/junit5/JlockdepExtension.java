package io.jlockdep.junit5;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which the jlockdep agent found a new potential deadlock that the baseline does not
 * accept, with the agent's report ({@link PotentialDeadlockFailure}).
 *
 * <p>Register it with {@code @ExtendWith(JlockdepExtension.class)}, or for every test class by JUnit's
 * extension auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}). Registering it both
 * ways (or twice) is harmless: one registration does the work for each test and class.
 *
 * <p>Contract, with the agent attached ({@code -javaagent:jlockdep-agent.jar} on the test JVM):
 * <ul>
 *   <li>Before each test, the agent's context becomes {@code test <class>.<method>()} (followed by the quoted
 *       display name when that says more, as for parameterized and repeated tests), and after it, the
 *       enclosing class's {@code class <class>}; during a test class it is {@code class <class>}. Reports name,
 *       per dependency edge, the context it was first seen in, so a cycle closed by one test over an order
 *       taken by another names both tests.</li>
 *   <li>A finding that appeared between the test's {@code beforeEach} and {@code afterEach} (that includes its
 *       {@code @BeforeEach} and {@code @AfterEach} methods) fails that test. If the test failed already, JUnit
 *       adds the jlockdep failure to the test's own as a suppressed exception.</li>
 *   <li>A finding that appeared in a test class but outside its tests ({@code @BeforeAll}, {@code @AfterAll},
 *       static or instance initialization, between tests) fails the class (its container) when it ends. For
 *       a top-level class that includes everything found since the previous top-level class ended (since the
 *       JVM started, for the first one): what runs between two classes, like the next class's initialization,
 *       belongs to the next one. So when only some classes register the extension, a finding in a class
 *       without it fails the next class with it; auto-detection avoids that.</li>
 *   <li>Each finding fails at most one test or class. Findings after the last test class are only in the
 *       agent's log and JFR recording.</li>
 *   <li>A finding the baseline accepts ({@link AcceptedFindings}: {@code jlockdep-baseline.txt}, the same
 *       file as {@code check}'s) fails nothing: one line on stderr names it, its cycle id and the baseline's
 *       line. A missing (when named), unreadable or malformed baseline fails every test class with one line.</li>
 *   <li>A finding the agent's {@code suppress=} file holds back never fails anything: when the test or class
 *       during which it appeared ends, one line on stderr names it ({@code jlockdep: suppressed <cycle id>
 *       <kind> <lock classes> (suppress=)}).</li>
 *   <li>Once the extension runs, the agent's log gives each finding one line, and the failing test the report:
 *       each report is shown once. What no test reported the log prints in full at exit.</li>
 * </ul>
 *
 * <p>Parallel execution ({@code junit.jupiter.execution.parallel.enabled}): the agent's context is one label
 * for the whole JVM, so while tests overlap the context (and which of the overlapping tests a finding fails) is
 * best-effort; a finding still fails at most one of them.
 *
 * <p>Without the agent, or with an agent of another jlockdep version whose API does not match, one line says
 * so on stderr (once per JVM) and tests run normally, unchecked.
 */
public final class JlockdepExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    private static final String SCOPE = "scope";

    /** Creates the extension; all state is per JVM (the agent's), so instances are interchangeable. */
    public JlockdepExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Agent.active()) {
            return;
        }
        ExtensionContext.Store store = store(context);
        if (store.get(SCOPE) != null) {
            return; // another registration of this extension is handling this class
        }
        Agent.reportFindingsInTests();
        baseline(context); // a bad baseline fails the class before it runs
        boolean topLevel = isTopLevelClass(context);
        int start = topLevel ? Attribution.topLevelClassStart() : Agent.findingCount();
        Attribution.Scope scope = new Attribution.Scope(classLabel(context), start, topLevel);
        store.put(SCOPE, scope);
        Attribution.open(scope);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!Agent.active()) {
            return;
        }
        ExtensionContext.Store store = store(context);
        if (store.get(SCOPE) != null) {
            return;
        }
        Attribution.Scope scope = new Attribution.Scope(testLabel(context), Agent.findingCount(), false);
        store.put(SCOPE, scope);
        Attribution.open(scope);
    }

    /**
     * @throws PotentialDeadlockFailure when the agent found potential deadlocks during this test
     */
    @Override
    public void afterEach(ExtensionContext context) {
        end(context, "during this test");
    }

    /**
     * @throws PotentialDeadlockFailure when the agent found potential deadlocks in this class outside its tests
     */
    @Override
    public void afterAll(ExtensionContext context) {
        end(context, "in " + context.getRequiredTestClass().getName() + " outside its tests"
                + " (initialization, @BeforeAll/@AfterAll, between tests or since the previous test class)");
    }

    private static void end(ExtensionContext context, String where) {
        Attribution.Scope scope = store(context).remove(SCOPE, Attribution.Scope.class);
        if (scope == null) {
            return; // no agent, or another registration of this extension has ended it
        }
        Attribution.close(scope);
        for (String line : Attribution.newlySuppressed()) {
            System.err.println(line); // held back by the user's suppress= file: named, never failed
        }
        List<Reported> found = Attribution.claim(scope);
        if (found.isEmpty()) {
            return;
        }
        Optional<AcceptedFindings> baseline = baseline(context);
        List<Reported> failing = new ArrayList<>(found.size());
        for (Reported f : found) {
            if (baseline.isPresent() && baseline.get().accepts(f)) {
                System.err.println(baseline.get().acceptedLine(f));
            } else {
                failing.add(f);
            }
            Agent.reportedByTest(f.cycleId);
        }
        if (!failing.isEmpty()) {
            throw PotentialDeadlockFailure.of(where, failing);
        }
    }

    /**
     * The baseline in effect (see {@link AcceptedFindings}).
     *
     * @throws BaselineError when the file is missing, unreadable or malformed
     */
    private static Optional<AcceptedFindings> baseline(ExtensionContext context) {
        return AcceptedFindings.load(context.getConfigurationParameter(AcceptedFindings.PARAMETER));
    }

    /** Per test or class, never inherited from the enclosing class's store (the namespace is its unique id). */
    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(JlockdepExtension.class, context.getUniqueId()));
    }

    /** A class run directly under the engine (not {@code @Nested}). */
    private static boolean isTopLevelClass(ExtensionContext context) {
        return context.getParent().map(p -> p.getParent().isEmpty()).orElse(true);
    }

    static String classLabel(ExtensionContext context) {
        return "class " + context.getRequiredTestClass().getName();
    }

    /**
     * {@code test com.acme.FooTest.bar()}, then the quoted display name when it is not the method's default one
     * ({@code bar()}, {@code bar(int, String)}): {@code test com.acme.FooTest.bar() "[1] 2, two"}.
     */
    static String testLabel(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String label = "test " + context.getRequiredTestClass().getName() + "." + method.getName() + "()";
        String display = context.getDisplayName();
        if (display.equals(method.getName() + "()") || display.equals(defaultDisplayName(method))) {
            return label;
        }
        return label + " \"" + display + "\"";
    }

    private static String defaultDisplayName(Method method) {
        StringBuilder sb = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}
